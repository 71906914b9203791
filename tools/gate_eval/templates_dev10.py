# ruff: noqa: E501  (frames are kept one a line, as written)
"""Dev-10 evaluation frames written by an outside writer.

Written blind: the writer read only ``tools/gate_eval/generate.py`` (its slot
vocabulary, how slots are filled and labelled, and the labelling decisions in its
docstring) and the notes under ``/work/shared/reference/``. The detector, its data,
the tests, the gate docs and the other rounds' frames were not read, and the detector
was not run on these frames.

This round leans on text that staff paste from other tools with identifiers inside:
voicemail transcriptions (run-on, unpunctuated), calendar invites and scheduler
exports flattened with separators, CSV and spreadsheet rows, patient-portal threads
with timestamps and login lines, fax cover sheets and fax header lines, referral
letters ("Re: patient ..., DOB ..."), lab requisitions and specimen labels, pharmacy
call notes, typed-up sticky notes, dictation with "comma" and "period" spoken, and OCR
text (l for 1, 0 for O, split words) around the identifiers. Names come with titles
and kinship honorifics from many languages (Sra., Dona, Pani, Frau, Herr, Ong/Ba,
Bapak/Ibu, Tita/Tito, Auntie, Mama/Baba, -san, Halmoni), surname-first and comma-
inverted, glued into hashtags, possessive, inside e-mail addresses, and as first
names that are months or words. Dates and ages come day-first, year-first, in Spanish
and German, and as ages in words ("going on ninety-two", "passed away at 101"). The
hard negatives are look-alikes: eponyms, hospitals, foundations, storms, ships, laws,
awards, holidays and scores named after people; county outbreak counts with dates;
the practice's own staff, phone, fax, address, rooms and extensions; NDC, CPT, ICD-10,
lot, UPC and recall numbers; blood pressures, doses, INR ranges and pain scores
shaped like dates; versions, prices, public hotlines, an agency's PO box, ages 89 and
under, and "90 and older" as a population band (Safe Harbor's own allowed form), not a
person's age. Historical eponyms (Virginia Apgar, Lou Gehrig) are not patients and
are negatives here.

* ``DEV10_TEMPLATES``: frames with at least one labelled identifier slot.
* ``DEV10_NEGATIVE_TEMPLATES``: frames whose slots are all unlabelled (hard negatives).
* ``DEV10_HAND_NEGATIVES``: plain hand-written sentences with no identifier and no slot.
"""

from __future__ import annotations

DEV10_TEMPLATES: tuple[str, ...] = (
    # --- voicemail transcriptions -------------------------------------------------
    "Voicemail transcription (auto): hi this is {P} calling about my mom she was seen on {date} and we never got the lab results can you call me back at {phone} thank you bye",
    "VM 9:14 AM: yeah hi it's {P.first} um my date of birth is {ddate} I need a refill on the {drug} my number is {phone} okay thanks",
    "Transcribed voicemail from the after-hours line: this message is for {staff} this is {P.title} calling about my father {Q} he is {age} and he fell this morning please call {phone}",
    "voicemail: hey its {P.first} again sorry im calling from my work phone {phone} the portal wont let me log in my email is {P.email} thanks",
    "Google Voice transcript: Hello, this is {Q}, {P.title}'s son, calling about the wheelchair delivery to {street}; please have someone call me back.",
    "VM transcription, no punctuation as received: hi doctor its {P} I just turned {age} and my daughter says I should get the RSV shot call me at {phone} or call her {Q.first} at {phone}",
    "Voicemail from the pharmacy line transcribed: this is the pharmacist at {company} calling about a prescription for {P} date of birth {date} the Rx number is {record} please call us",
    "voicemail transcript: ok so this is {P.first} {P.last} spelled like it sounds calling to cancel for {ddate} my callback is {phone}",
    "Buzón de voz transcrito: hola buenas tardes habla {P} llamo por la cita de mi mamá la señora {Q.last} del {esdate} mi teléfono es {phone} gracias",
    "Transcribed VM: hi it's {V.first} from the {W.last} family um {W.first}'s inhaler ran out and we're at {street} if someone can drop off a spacer call {phone}",
    "Voicemail (transcribed, run-on): good morning its {P.title} again about my husband {Q.first} he got the new hearing aids and is doing great tell everyone thank you call back at {phone}",
    "VM to the front desk: this is {S} no not the nurse the patient ha calling to confirm {ddate} at 3 o'clock call me at {phone}",
    # --- calendar invites and scheduler exports --------------------------------------
    "Subject: New patient visit - {P} | When: {ddate} 10:30-11:10 | Where: Exam 4, {practice_addr} | Organizer: {staff} | Notes: interpreter needed",
    "APPT EXPORT >> Patient: {P.last}, {P.first} >> DOB: {date} >> Provider: {staff} >> Type: annual wellness >> Status: confirmed by text to {phone}",
    "BEGIN:VEVENT SUMMARY:Follow-up {P} DTSTART;VALUE=DATE:{ddate} LOCATION:{practice_addr} DESCRIPTION:MRN {record} END:VEVENT",
    "Calendar invite forwarded by the scheduler -- Title: {P.first} {P.last} / colonoscopy prep call -- Date: {date} -- Guests: {staff}, {P.email} -- Video link sent separately",
    "Row from the no-show report: {record} ; {P} ; {sdate} ; 2:15 PM ; {staff} ; reason: no ride ; contact {phone}",
    "Exported from the scheduler: 8:40 AM {P.initial} (new pt, {age} y/o, uses wheelchair) | room 2 | ins. member ID {record}",
    "Appt reminder log: SMS to {phone} 'Hi {P.first}, reminder of your visit {ddate} with {staff}. Reply C to confirm.' -- delivered",
    "Recall list export (tabs turned into pipes): {P.last}|{P.first}|{date}|{zip}|{phone}|last A1c 7.9|due",
    "Waitlist copied from Excel: 1. {P} - {phone} - prefers mornings 2. {Q} - {Q.email} - Spanish 3. {N} - {phone}",
    "Portal message header: From: {P} <{email}> Sent: {ddate} 6:58 PM To: Front Desk Subject: records for my dad {Q}",
    # --- CSV and spreadsheet rows --------------------------------------------------------
    'patients.csv line 14: "{P.last}, {P.first}",{date},{record},{phone},"flu + covid given"',
    "Pasted from the sign-in spreadsheet: {P.first},{P.last},{street},{zip},{P.email}",
    "mrn,name,dob,last_visit / {record},{P},{ddate},{sdate}",
    "Google Sheet 'Flu clinic' row: {P} | {age} | {phone} | consent Y | {staff}",
    "CSV from the newsletter signup form: timestamp,email,zip / {ddate} 14:02,{email},{zip}",
    "Spreadsheet cell A14 says: {P.family} - 3 kids - {street} {zip} - mom {Q.first} cell {phone}",
    "Copied row with its empty cells: {P.last},{P.first},,{record},,,{date},,",
    "Export from the old EHR (semicolons): {P.last};{P.first};{ddate};{ssn};{street};{zip}",
    # --- patient-portal threads -------------------------------------------------------
    "[{ddate} 7:02 AM] {P.first}: is it normal to feel dizzy on the new {drug}? [7:40 AM] {staff}: please call us at {practice_phone} so we can talk it through.",
    "Portal thread, oldest first -- {P} ({date}, 9:15 PM): my son {Q.first} still has a fever of 102 -- Nurse ({date}, 8:02 AM): bring him in today.",
    "Message from the patient portal (login IP {ip}): Hi, this is {P.first}, my new address is {street}, {zip}. Please update my chart.",
    "Re: Re: Re: refill -- On {date}, {P} <{P.email}> wrote: > can I get 90 days instead of 30?",
    "Portal audit line: user {P.email} | login {ddate} 23:41 | from {ip} | viewed: visit summary",
    "Thread export -- {P.title}: I'm {age} and my balance has been off since I fell -- Office: we've booked PT with {staff}; call {practice_phone} if it gets worse",
    "08:12 {P.first} joined / 08:13 {P.first}: can my mom {Q} get her flu shot here? she's {age} / 08:15 Front desk ({staff_first}): yes, walk-ins until 4",
    "Portal message, pasted with its footer: thanks so much!! sent from my iPhone -- {P} -- {phone} -- {url}",
    # --- fax cover sheets -------------------------------------------------------------
    "FAX COVER | From: {staff} | Fax: {practice_fax} | Re: {P}, DOB {date} | Pages: 4 | Per patient request, also send to her home fax {fax}",
    "Fax header line: {ddate} 14:22 FROM: {P.last} HOME {fax} TO: {practice_fax} P. 001/003",
    "Fax cover (OCR'd): C0NFIDENTIAL -- Patlent: {P} -- D.O.B.: {ddate} -- MRN: {record} -- lf received in error call {practice_phone}",
    "Cover sheet note typed by the sender: 'Dr., attached are {P.title}'s hospice papers; she is {age} and her son {Q} is the contact at {phone}.'",
    "Fax log: sent 3 pp to {fax} (the patient's own fax, requested {sdate}) re: {P.initial} immunization record",
    # --- referral letters ----------------------------------------------------------------
    "Re: patient {P}, age {age}, DOB {date}. Dear colleague, thank you for seeing this pleasant woman for evaluation of hearing loss.",
    "Referral letter, first line: RE: {P.last}, {P.first} DOB: {ddate} MRN: {record} -- Reason for referral: worsening tremor (not Parkinson's per neuro)",
    "Dear colleague, I am referring {P.title}, who lives alone at {street}, {zip}, and whose neighbor {Q} drives her to visits.",
    "Carta de referencia: Estimado colega, le remito a la Sra. {P}, nacida el {esdate}, teléfono {phone}, por dolor de rodilla.",
    "From the specialist's reply letter: 'Thank you for referring {P}. I saw him on {date} and agree with continuing {drug}.'",
    "Referral packet index: 1) face sheet for {P} 2) insurance card, member ID {record} 3) last visit note {sdate} 4) SSN on file {ssn}",
    # --- lab requisitions -------------------------------------------------------------------
    "LAB REQ -- Pt: {P} -- DOB: {ddate} -- Sex: F -- Tests: CMP, lipid panel, A1c -- Collected: {sdate} 07:45 -- Bill to member ID {record}",
    "Requisition barcode label, typed up: {P.last} {P.first} / {date} / ACC# {record}",
    "Lab call note: {company} phoned a critical potassium of 6.1 for {P.initial}, DOB {date}; read back and verified, {staff} notified.",
    "Specimen label, smudged: {P.initial} ... DOB {ddate} ... collected {sdate} 0930",
    "Req comment field: 'pt is {age}, hard stick, use butterfly; daughter {Q.first} at {phone} will drive her'",
    # --- pharmacy call notes -----------------------------------------------------------------
    "Pharmacy call 2:10 PM -- {company} pharmacist re: {P}, Rx #{record}, {drug} 500 mg; insurance wants prior auth; pt's cell {phone}",
    "Called {company} pharmacy for {P.title}: the {drug} refill was picked up {sdate}, next fill due {ddate}.",
    "Pharmacy note copied from the EHR: spoke w/ pharmacist, {P.first} {P.last} (DOB {date}) allergic to sulfa, switched to {drug}, callback {phone}",
    "Voicemail from the pharmacy: the tech said Bà {P.first} picked up the wrong strength and the family asked us to call her grandson {Q} at {phone}.",
    "Pharmacy call note: {eptitle} needs her {drug} refilled today; different chart from the Parkinson's patient, callback {phone}",
    # --- sticky notes ------------------------------------------------------------------------
    "Sticky note typed up: CALL {P.first} BACK re results!! {phone} (cell, not home)",
    "sticky on the monitor: {P.title} - {age} - lives w/ niece {Q.first} - needs ride to MRI {ddate}",
    "Post-it from the front desk: {P} dropped off forms, said her email is {P.email}, prefers text to {phone}",
    "Note clipped to the chart folder: {P.initial} SSN {ssn} -- shred after scanning!",
    "sticky: ask {staff_first} if {P.first}'s mom ({Q}) can get in before {sdate}",
    "Sticky: {eptitle} called twice about her Bell's palsy follow-up, {phone}",
    # --- dictation with spoken punctuation ------------------------------------------------------
    "Dictated note as transcribed: patient is {P} comma date of birth {date} comma seen today for knee pain period new paragraph",
    "dictation: this is {staff} dictating on {P.last} comma {P.first} period she is {age} years old period MRN {record} period",
    "Speech-to-text, uncorrected: please send a letter to {P.title} at {street} comma {zip} period thank her for the flowers exclamation point",
    "dictated caption: photo of {P.first} and her granddaughter {Q.first} at her birthday party period she turned {age} period",
    "Dictation, new line: follow up with {P} on {ddate} open paren interpreter Vietnamese close paren period",
    "Transcribed dictation: Mr. {P.last}'s wife {Q.first} reports he was discharged on {date} period",
    # --- OCR text ---------------------------------------------------------------------------
    "OCR from the scanned intake form: Narne {P} Date 0f Birth {ddate} Ph0ne {phone} Ema il {P.email}",
    "Scanned letter (OCR): Dear Dr. Pate l, my rnother {P} is {age} and can no l0nger drive to {practice_addr}",
    "OCR text of an old chart page: Pt. {P.last} , {P.first} | Adm. {date} | Disch. {ddate} | Rm 4l2",
    "OCR'd insurance card: MEMBER {P} ID {record} GRP 00l23 PLAN PPO",
    "Photo-to-text of the sign-in sheet: l. {P} 2. {Q} 3. {N} (one name a line, merged when pasted)",
    "OCR of a handwritten note: T0 the nurses fr0m {P.title} , ph {phone} , ca1l me ab0ut the b1ll",
    # --- titles and honorifics ------------------------------------------------------------------
    "Sra. {P.last} nos trajo tamales el {esdate}; gracias, señora, por la receta.",
    "Thank-you post draft: Dona {P.first} brought orchids for the waiting room and told us she's {age}!",
    "From the Polish-speaking family: Pani {P.last} and Pan {Q.last} asked us to pass on their thanks to {staff}.",
    "Note from a visiting family: Frau {P.last} (geb. {date}) hat ihre Medikamentenliste dabei; Herr {Q.last} ist ihr Sohn.",
    "Caption idea: Ông {P.first} and Bà {Q.first} celebrating 60 years of marriage in our lobby -- do we have their signed release?",
    "Bapak {P.first} asked Ibu {Q.first} to translate during his visit on {date}.",
    "Tita {P.first} and Tito {Q.first} brought the whole family to the flu clinic -- thank you, {P.family}!",
    "Auntie {P.first} says hi to everyone at the front desk; she's going on {age} and still gardens every morning.",
    "Mama {P.first} and Baba {Q.first} (the {P.family}) dropped off a card on {sdate}.",
    "El Sr. {P} y la Sra. {Q} llegaron juntos a la clínica el {esdate}.",
    "Uncle {P.first} (that's what the whole waiting room calls him) turned {age} this spring.",
    "Greeting card text: Querida doctora, gracias por cuidar a mi abuelita, Doña {P.first} {P.last}, de {age} años.",
    "Family note: Halmoni {P} asked that her grandson {Q.first} be called at {phone}, not her.",
    "Thank-you card, translated: '{P.last}-san wishes to thank the nurses' -- signed by her daughter {Q}",
    "Nana {V.first} and her husband, old Mr. {W.last}, came in together for their boosters on {sdate}.",
    "Herr {P}, geboren {ddate}, bittet um Rückruf unter {phone}.",
    # --- names in other shapes ------------------------------------------------------------------
    "Hashtags for the 5K page: #PrayersFor{P.first} #Team{P.last} #{P.first}Strong",
    "Names as they came from the list: {P.last}, {P.first}; {Q.last}, {Q.first}; {N.last}, {N.first}",
    "Shared from the family's post: '{P.first}'s last chemo was {date} -- ring the bell!' with the link {url}",
    "Surname first, as the form had it: {P.last} {P.first}, born {ddate}, interpreter requested",
    "She goes by her middle name, {Q.first}, though the chart says {P}; she asked us to use {Q.first} in the story.",
    "Possessives in a caption: {P.first}'s smile, {Q.first}'s card, and {W.last}'s famous lemon bars made our week.",
    "Email-like strings from the sign-up sheet: {P.email} / {Q.email} / {N.email}",
    "The link the family sent us: {url} (it has {P.first}'s whole story on it)",
    "{V.first} {V.last} from the Tuesday walking group okayed her photo in writing on {sdate}.",
    "Shout-out to our patient {V}, who walked the whole 5K at {age}!",
    "RSVPs for the diabetes class: {P.first} +1, {Q.first} and her sister {N.first}, the {W.family}, and {S.first} (the patient, not our {staff_first})",
    "Instagram comment to hide before we repost: {url} -- that's {P.first}'s mom, {Q}",
    "lowercase, as she typed it in the chat: hi its {P.lower} from the tuesday class, my sister {Q.lower} wants to join",
    "{N.last} {N.first}, family name first the way her passport has it, called from {phone}.",
    # --- dates and ages in other forms -------------------------------------------------------------
    "At {age}, {P.first} was our oldest flu-shot patient this year; she was born on {date}.",
    "In memory of {P}, who passed away at {age} on {date}; {staff} was her doctor for twenty years.",
    "Dictated: date of visit {ddate} period patient states she is going on {age} period",
    "Auto-captions from the testimonial video: hi I'm {P} I'm {age} years young and I walk every single morning",
    "Birthday board: {P.first} turns {age} on {ddate} -- cake in the break room!",
    "Export with ISO dates: {P} | dob {ddate} | visit {date}",
    "Obituary link a patient's son sent us: {url} -- {P}, {age}, of {street}",
    "In her {decade} and still driving herself to appointments -- {P.first} insisted we mention it.",
    "Spoken date in the VM: 'my appointment is {date} at two thirty' -- caller {P}, callback {phone}",
    "{P.title} is {age} and was born {date}, the oldest of eleven children, she told us.",
    "Fecha de nacimiento: {esdate} -- paciente: {P} -- edad: {age} años",
)

DEV10_NEGATIVE_TEMPLATES: tuple[str, ...] = (
    "Voicemail transcript: hi this is the rep from {company} calling for {staff} about the {drug} shortage we have lot {lot} on hold for you please call us back thanks",
    "Calendar export | Title: Flu clinic | When: {gdate} 9:00-12:00 | Where: {practice_addr} | Organizer: {staff} | Questions: {practice_phone}",
    "inventory.csv / product,lot,upc,received / {brand},{lot},{upc},{gdate}",
    "Fax cover -- From: {staff} -- Fax: {practice_fax} -- Phone: {practice_phone} -- Pages: 3 -- Re: updated {drug} prior-authorization form (no patient information on this page)",
    "{town} health officials confirmed {kid} new measles cases as of {gdate}; none were seen at our clinic.",
    "Dictation: this post is for parents of kids about {kid} years old comma and the take-home point is period wash hands period",
    "Recall notice, {gdate}: {company} is recalling {brand} lot {lot} (UPC {upc}); details at {agency}.",
    "Portal update {version} goes live {gdate}; if you get locked out, call the front desk at {practice_phone}.",
    "Router how-to: type {router} into your browser, log in, and set a password before you pair the {brand} monitor.",
    "{famous} {says} that living with a chronic illness takes patience, which is this week's Misconception of the Week in a nutshell.",
    "Sticky note typed up: order more {drug} samples, ask {staff_first} about the {version} update, call the {company} rep re: lot {lot}.",
    "Lab requisition template: Patient name ______ DOB ___/___/_____ MRN ________ Ordering provider {staff} Fax results to {practice_fax}",
    "OCR of our flyer: Pl ease ca1l {practice_phone} to resched ule; 0ur address is {practice_addr}.",
    "The {condition} support group meets the first Thursday of each month in Room 2 at {practice_addr}.",
    "If you are in your {old_decade}, ask {staff} which screenings are due this year.",
    "Whether you're {young} or {adult}, the dose of {drug} on the label is a ceiling, not a target; check with {staff} first.",
    "Spreadsheet row from the supply closet: {drug} | lot {lot} | exp {gdate} | qty 40 | shelf B3",
    "{imperative} the nebulizer cup after every use, then let it air-dry on a clean towel.",
    "Fundraiser total: ${n} raised for the {town} free clinic as of {gdate}.",
    "Pharmacy call note: {company} confirmed {drug} is back in stock; the rep asked that we fax orders to {practice_fax}, attention {staff}.",
    "[{gdate} 08:15] Clinic broadcast: our phones are down; message us in the portal or call {practice_phone} after noon.",
    "Referral letter template: Dear colleague, Re: [patient name], DOB [date of birth]. Thank you for seeing this patient. Sincerely, {staff}",
    "Version {version} of the {brand} app fixed the bug that logged 10/10 pain for every entry.",
    "Misconception of the Week: {eponym} is not named after one of our patients; it is named after the doctor who described it.",
    "Calendar invite: Staff huddle | {gdate} | 7:45 AM | Room 3 | Host: {staff} | Notes: {drug} recall, EHR {version}",
    "#FluFreeFall at {practice_addr}: walk-ins welcome, bring your insurance card, questions to {practice_phone}.",
    "{famous} {says} that an allergic reaction to {drug} once sent them to the ER.",
    "Billing FAQ: codes like Z23 and E11.9 show up on your statement; call {practice_phone} and ask for {staff_first} in billing.",
    "FDA recall posted {gdate}: {brand}, UPC {upc}, lots {lot} and {lot}; see {agency} for the full list.",
    "Adults over {adult} should ask about the shingles vaccine, and children under {kid} ride in a car seat.",
    "Voicemail (auto-transcribed): this is the {town} county health department returning a call to {staff} about the {gdate} outbreak report no patient names needed",
    "Pasted from the scheduler's help page: to book a visit with {staff}, pick a time, then confirm by text; questions to {practice_phone} or fax {practice_fax}.",
    "Dictated: the {condition} handout is version {version} period replace the old one in the waiting room period",
    "From the {company} lot list: {lot}, {lot}, {lot} -- if your {brand} box shows one of these, call {hotline} or bring it to {practice_addr}.",
    "Portal login help: if your browser shows {router} instead of our site, restart the router; still stuck? {practice_phone}, weekdays.",
    "Typed from the whiteboard: {staff} out {gdate}, {staff_first} covering phones, flu shots for anyone over {adult} until 4.",
)

DEV10_HAND_NEGATIVES: tuple[str, ...] = (
    "Voicemail transcription: hi this is the pharmacy calling about the amoxicillin shortage we expect stock back next month no patient info in this message just call the main line thanks",
    "Calendar export | Title: All-staff huddle | When: 7:45-8:00 AM | Where: Room 3 | Organizer: front desk | Agenda: phones, flu clinic, EHR update v4.2",
    "CSV header from the new export: mrn,last_name,first_name,dob,zip,phone,email (columns only, no rows pasted)",
    "Fax cover sheet template: To ____ From ____ Patient name ____ DOB __/__/____ Pages ____ CONFIDENTIAL",
    "Referral letter template: Re: [patient name], DOB [MM/DD/YYYY]. Dear colleague, thank you for seeing this patient.",
    "Lab requisition snippet: CPT 80053 CMP, 80061 lipid panel, 83036 A1c; ICD-10 E11.9, Z00.00; fasting 8-12 hours.",
    "Pharmacy call note: the wholesaler says NDC 0093-7146-56 is on back order until the next shipment; substitute the 250 mg capsules.",
    "Sticky note typed up: order 2 boxes of 25G needles, ask Dr. Lee about the 5/325 mg samples, fix the printer in Exam 2.",
    "Dictation as transcribed: new paragraph blood pressure goal is under 130 slash 80 comma check it twice a day period",
    "OCR of the recall flyer: L0T NUMBERS 24l07A THR0UGH 24l19C ARE AFFECTED; CALL 1-800-222-1222 IF A CHILD SWALLOWED ANY.",
    "Normal blood pressure is below 120/80, and a reading of 140/90 or higher twice means it's time to call us.",
    "Hydrocodone 5/325 mg is not the same as 10/325 mg; read the label twice.",
    "Our target A1c for most adults is 7.0 or lower, but yours may be different.",
    "If you take warfarin, your INR goal is usually 2.0-3.0, or 2.5-3.5 with some mechanical heart valves.",
    "Rate your pain from 0/10 to 10/10; a 7/10 that wakes you up at night is worth a call.",
    "The Glasgow Coma Scale runs from 3 to 15, and the Apgar score from 0 to 10.",
    "The Apgar score is named for Dr. Virginia Apgar, an anesthesiologist, not for any baby born here.",
    "Lou Gehrig's disease is another name for ALS; Lou Gehrig was a baseball player, not one of our patients.",
    "A positive Murphy's sign, a Babinski sign and McBurney's point all turn up in this week's Misconception of the Week.",
    "Hurricane Helene and Tropical Storm Debby both closed pharmacies across the Southeast in 2024.",
    "The hospital ships USNS Mercy and USNS Comfort have treated thousands of people after disasters.",
    "The Ryan White HIV/AIDS Program and the Kennedy-Kassebaum Act (better known as HIPAA) are both named after people.",
    "Johns Hopkins Hospital, the Mayo Clinic and St. Jude Children's Research Hospital all publish free patient guides.",
    "The Lasker Awards and the Nobel Prize in Physiology or Medicine are announced each fall.",
    "Susan G. Komen and the Michael J. Fox Foundation fund research, not individual patients' bills.",
    "Lane County Public Health reported 14 measles cases as of March 3, 2025; none were linked to our clinic.",
    "The CDC counted 1,204 cases in 31 jurisdictions between January 1 and October 31, 2024.",
    "The FDA classified recall D-0421-2025 as Class II on 2025-06-12; the affected lot is 24B117.",
    "Call or text 988 for the Suicide & Crisis Lifeline any time, or Poison Help at 1-800-222-1222.",
    "Quit-smoking help is free at 1-800-QUIT-NOW (1-800-784-8669).",
    "Our front desk is at (541) 555-0142, ext. 214 for billing, and our fax is (541) 555-0143.",
    "Check-in has moved to Suite 200 at 2150 Orchard Lane, Springfield, OR 97477; parking is behind the building.",
    "Report vaccine side effects to VAERS online at vaers.hhs.gov or by mail to VAERS, PO Box 1100, Rockville, MD 20849-1100.",
    "The new RSV vaccine is for adults 75 and older, and for those 60 to 74 at higher risk.",
    "The oldest people in the 2023 study were 89; the average age was 71.",
    "Adults 90 and older made up about 2% of the study, so the results for that group are less certain.",
    "Version 4.12.1 of the portal app fixes the login bug; update it from the app store.",
    "A 3-pack costs $12.99, or $9.50 with the coupon that runs through 12/31.",
    "Take 1/2 tablet twice a day for 7 days, then 1 tablet daily; the 30-, 60- and 90-day supplies cost the same.",
    "Hand hygiene means 20 seconds of soap, 60% alcohol gel, and 24/7 access to a sink in every exam room.",
    "The World Trade Center Health Program still enrolls 9/11 responders and survivors; call 1-888-982-4748.",
    "Room 4B is our lactation room, and extension 3301 rings the nurse line.",
    "The router's admin page at 192.168.1.1 is for staff only; the guest Wi-Fi password is on the card in the waiting room.",
    "Martin Luther King Jr. Day, Presidents' Day and Juneteenth are office holidays.",
    "The pharmacy on Martin Luther King Jr. Boulevard now gives flu shots on weekends.",
    "Dr. Marcus Lee, DO, and Jordan Rivera, NP, will answer questions at the Thursday Q&A.",
    "Priya Shah, RN, wrote this week's post on why the five-second rule is a myth.",
    "Abuela, Tita, Auntie, Baba, Bà: tell us the title you like for the elders you bring in, and we'll use it.",
    "Herr Doktor, Frau Doktor, Pani Doktor: patients from many countries greet our physicians with a title first.",
    "Harris County, Fulton County and King County each posted heat advisories on July 4, 2024.",
    "The West Nile virus report for the week of August 12 listed positive mosquito pools in Lane, Linn and Benton counties.",
    "Lyme disease is named after Lyme, Connecticut, and Ebola after a river, not after people.",
    "Typed from the whiteboard: flu shots 9-12, A1c machine down, lot 24F883 expires 06/2026, ext. 214 for questions.",
    "Spreadsheet row from the inventory: albuterol HFA | lot 3GK71B | exp 11/30/2026 | qty 48 | shelf C2",
    "Portal system message [2025-03-01 00:00]: scheduled maintenance tonight; no messages will be lost.",
    "ICD-10 code Z23 means encounter for immunization, and J09.X2 is influenza due to a novel flu virus.",
    "The Heimlich maneuver, the Epley maneuver and the Valsalva maneuver are all named after doctors.",
    "Charles Bonnet syndrome, Tommy John surgery and the Jackson-Pratt drain are three names you may hear from a specialist.",
    "Tell the front desk if you need an interpreter for Vietnamese, Tagalog, Polish or Yoruba.",
    "A phone number like 555-0100 in our examples is made up; never post a real one in a comment.",
)
