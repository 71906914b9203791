"""Sentence frames for the gate evaluation set (see generate.py).

Slots: {P} {Q} a person (full name, sometimes lower-case, hyphenated, initialled or
family-name first), {P.first} {P.last} {P.title} ("Mrs. Nowak") {P.initial}
("J. Thompson") {P.family} ("Hendersons") {P.email}; {S} a patient sharing a
staff member's first name. Labelled values: {date} {sdate} ("7/22") {esdate}
{age} (over 89) {phone} {fax} {email} {url} {ip} {ssn} {zip} {street} {record}.
Never labelled: {staff} {staff_first} {famous} {says} {drug} {eponym} {hotline}
{agency} {gdate} {young} {lot} {upc} {version} {router} {n} {practice_phone}
{practice_fax} {practice_addr} {adult} {kid}.

FROZEN_* and DEV_* are disjoint: different frames, not paraphrases of each other.
FROZEN_* were written and frozen on 2026-12-04 before any tuning.
"""

from __future__ import annotations

# --- frozen part: never tune on sentences made from these ---------------------------

FROZEN_TEMPLATES: tuple[str, ...] = (
    "Huge thanks to {P} for letting us share how she finally got her A1c under 7!",
    "Patient story: {P.first} came to us after three falls in one winter.",
    "Question: From {P}: is it safe to take {drug} with my blood pressure pills?",
    "Sent in by {P}, {young}: how often should I get my cholesterol checked?",
    "Why does my knee swell after gardening? (asked by {P.initial})",
    "{P.first}'s Question: Can I still fast for Ramadan with diabetes?",
    "Ask {P.first}: what I learned after my first year on insulin",
    "A note from {P} arrived with a box of cookies for the front desk.",
    "The family of {P} asked us to thank everyone who cared for her.",
    "We are honored to care for {P} and her twins.",
    "— {P}",
    "Warmly, {P.first}",
    "Patient: {P}",
    "From: {P} <{P.email}>",
    "Intake note: {P}, DOB {date}, allergic to sulfa.",
    "{S} was seen by {staff} for a sprained wrist last week.",
    "{S} and her mom both got flu shots from {staff}.",
    "{P.family} brought all four kids in for back-to-school physicals.",
    "A big welcome back to the {P.family}, who moved home from overseas.",
    "{P.last} called twice about the same rash.",
    "{P.title} asked that we keep her chemo story private until she was ready.",
    "Congratulations to {P} on running her first 5K at {age}!",
    "At {age}, {P.first} still walks to every appointment.",
    "Nuestra paciente de {age} años nos enseñó a hacer tamales.",
    "Last spring a {age}-year-old patient taught our staff to knit.",
    "{P.first} turned {age} on {date} and we threw a small party in the waiting room.",
    "Admit date {sdate}, discharged three days later with a new inhaler.",
    "Seen {sdate} for ear pain; follow-up booked.",
    "She was diagnosed on {date} and started treatment the next week.",
    "{P} nació el {esdate} en nuestra clínica.",
    "{P.first} texted us from {phone} to say the swelling went down.",
    "Please call {P.title} back at {phone} about her lab results.",
    "Can someone return {P.first}'s call? Number is {phone}.",
    "F: {fax} (her cardiologist, please send the echo report).",
    "Fax the referral for {P} to {fax}.",
    "Reply to {P.first}: we got your email at {P.email} and will write back today.",
    "{P} shared her recovery blog at {url} and said we could link it.",
    "Her fundraiser page is {url} if you want to help {P.first}.",
    "The portal login came from {ip}, which {P.first} says was her home Wi-Fi.",
    "{P} lives at {street}, Eugene, OR {zip}, and asked for a home visit.",
    "Send the sharps container to {street}, apartment behind the bakery.",
    "New patient from ZIP code {zip} asked whether we take her insurance.",
    "Acct no. {record} for {P} is on the photo of the bill, please crop it.",
    "MRN {record} was visible on the wristband in the picture of {P.first}.",
    "Her SSN {ssn} was on the form she emailed, so we deleted it.",
    "Caption: {P.first} and {Q.first} celebrating their last chemo session!",
    "Event recap: {P} won the raffle at our health fair and {Q} led the stretch break.",
    "Thank you card from {P} and {Q} taped to the break room fridge.",
    "Replying to @{P.first}: so glad the new {drug} dose is working for you!",
    "{P} (her mother, {Q}, is also our patient) asked about {eponym}.",
    "Dear {P.first}, your test results from {date} are ready in the portal.",
    "Her husband read his SSN, {ssn}, out loud in the waiting room video.",
    "Security log: {P.first} signed in from {ip} at midnight.",
    "{P.title}'s new address is {street}, Albany, OR {zip}.",
    "Member ID {record} and SSN {ssn} were both on {P.first}'s insurance card photo.",
    "The comment {P.first} left came from {ip}, per the site log.",
)

FROZEN_NEGATIVE_TEMPLATES: tuple[str, ...] = (
    "{famous} {says} that living with {eponym} taught patience.",
    "As {famous} {says}, early screening matters.",
    "Questions about {drug}? Call us at {practice_phone} or stop by {practice_addr}.",
    "{staff} will answer questions about {eponym} at the library talk in {gdate}.",
    "Recalled lot {lot} of children's {drug} should be returned to the pharmacy.",
    "The recalled product has UPC {upc}; check the label on the back.",
    "Update the portal app to {version} before your video visit.",
    "To reset your home router, type {router} in the browser's address bar.",
    "Walking {n} steps a day is a great goal for most adults.",
    "If you are in crisis, call or text {hotline} any time.",
    "Read the full recall notice at {agency}.",
    "Flu season usually peaks around {gdate}, so get your shot early.",
    "The FDA announced in {gdate} that {drug} labels will change.",
    "Adults over {adult} should talk to {staff} about shingles vaccines.",
    "Fax forms to our office at {practice_fax}, attention {staff}.",
    "Kids under {young} pounds need a booster seat in most states.",
)

FROZEN_HAND_NEGATIVES: tuple[str, ...] = (
    "Dr. Ana Patel, MD, answers your questions about sleep every Friday.",
    "Our nurse practitioner Jordan Rivera will run the diabetes class.",
    "Call the front desk at (541) 555-0142 to book a visit.",
    "Our fax number is (541) 555-0143 for records requests.",
    "Find us at 2150 Orchard Lane, Suite 200, Springfield, OR 97477.",
    "Serena Williams said her scary postpartum clots changed how she speaks up.",
    "As Michael J. Fox has described, Parkinson's symptoms can change hour to hour.",
    "Crohn's disease can flare after a stomach bug.",
    "Alzheimer's is not a normal part of aging.",
    "Hodgkin lymphoma is one of the most curable cancers.",
    "Babies with Down syndrome often need an early heart check.",
    "An Apgar score of 8 at five minutes is completely normal.",
    "Take Tylenol or ibuprofen for fever, not both at the same dose time.",
    "Metformin can upset your stomach for the first few weeks.",
    "Ozempic shortages have eased this year.",
    "Lot 24B117 of the baby formula was recalled.",
    "Update the glucose meter app to version 3.2.1 before syncing.",
    "The router's default address is 192.168.0.1 in most home setups.",
    "Call 988 for the Suicide and Crisis Lifeline.",
    "Poison Control is 1-800-222-1222 and is free and private.",
    "For chest pain, call 911 right away.",
    "The recall list is on fda.gov.",
    "Flu season peaks in February 2025, according to state data.",
    "The FDA announced on March 3, 2026 that the warning label will change.",
    "Adults over 65 should get a pneumonia vaccine.",
    "Try for 10000 steps, but any walking counts.",
    "Check whether your bottle is from a 12345 lot before using it.",
    "Our clinic will close on November 26 for Thanksgiving.",
    "Priya Shah, RN, wrote this week's post on safe insulin storage.",
    "Taylor Brooks from our billing team explains surprise bills.",
    "Marcus Lee, DO, has been with the practice since it opened.",
    "Sam Okafor runs our Saturday walk-in clinic.",
    "Kids 6 months and older can get a flu shot.",
    "Blood pressure under 120/80 is considered normal.",
    "Take 500 mg twice a day with meals.",
    "The Mediterranean diet is linked to lower heart risk.",
    "Our spring health fair had 140 visitors.",
    "A1c below 7 is a common target for adults with diabetes.",
    "Apply sunscreen with SPF 30 every two hours.",
    "Use the link on our Contact page to send a secure message.",
)

# --- dev part: tune on these ---------------------------------------------------------

DEV_TEMPLATES: tuple[str, ...] = (
    "Meet {P}, who trained for a marathon after her heart surgery.",
    "This week's spotlight: {P} and her garden that keeps her moving.",
    "Q: My son keeps getting nosebleeds at night. What can we do? — {P}",
    "Reader question (thanks, {P.first}!): is a low-grade fever after a shot normal?",
    "Our mailbag answer goes to {P.initial}, who asked about heartburn at night.",
    "You asked, we answered: {P}'s question about shingles vaccines.",
    "Cheers to {P} for 12 months smoke-free!",
    "We said goodbye to {P} this month; she was our patient for twenty years.",
    "Get-well wishes for {P.title}, recovering from hip surgery.",
    "Signed, {P} and family",
    "Name: {P}",
    "Submitted by: {P}",
    "Re: {P}, follow-up after stress test",
    "{S} is a new patient of {staff}, not a relative.",
    "Both {S} and {staff} ran the 10K on Saturday.",
    "Shout-out to {P.family} for bringing soup to our staff during the storm.",
    "Welcome to the practice, {P.family}!",
    "{P.last} says the new inhaler works better.",
    "{P.title} will be featured in our caregiver series.",
    "Turning {age} did not slow {P.first} down one bit.",
    "{P}, {age}, says the secret is daily walks.",
    "Our oldest patient, {age}, taught us to make sourdough.",
    "Our friend {P.first} celebrated {age} years with cake in the lobby.",
    "DOB: {date}",
    "Date of visit: {date}",
    "Discharged {sdate} after a three-day stay.",
    "She delivered her baby girl on {date} at 3 a.m.",
    "El paciente fue operado el {esdate}.",
    "Callback: {P.first} at {phone}",
    "{P.first}'s daughter left her number, {phone}, for updates.",
    "Text {P.first} at {phone} when the refill is ready.",
    "Records request: fax to {fax}, attention {P.title}.",
    "His lung doctor's office fax is {fax}.",
    "{P} emailed {email} to say thanks for the quick visit.",
    "Contact: {P.email}",
    "Follow {P.first}'s journey at {url}.",
    "{P.first} shared the link {url} in the comments.",
    "Blocked portal sign-ins from {ip} after {P.first} reported a stolen phone.",
    "Mailing address: {street}, Salem, OR {zip}",
    "{P.first} asked us to mail the brace to {street}.",
    "Her new ZIP is {zip}, so update the chart.",
    "Account #{record} belongs to {P}.",
    "Chart number {record}, {P.last}",
    "Social Security number: {ssn}",
    "Photo: {P.first} with {Q} at the health fair booth.",
    "Recap: {P} and {Q.first} won the family step challenge!",
    "Hi {P.first}, sorry about the wait on {date}; we've fixed the scheduling bug.",
    "{P.first} from the {P.family} wrote to ask about {eponym}.",
    "Our patient {P} asked if {drug} is safe during pregnancy.",
    "Thanks {P.first}! {Q.first} says hi too.",
    "{ssn} was visible in {P.first}'s upload, so we took it down.",
    "Login alert for {P.email}: new device at {ip}.",
    "Ship to {P}, {street}, Bend, OR {zip}",
    "Home phone {phone}, SSN {ssn}, per the scanned intake form.",
    "Old address on file: {street} (zip {zip}).",
)

DEV_NEGATIVE_TEMPLATES: tuple[str, ...] = (
    "{famous} {says} about getting a second opinion.",
    "In a podcast, {famous} {says} she ignored early symptoms.",
    "Book online or call {practice_phone}; parking is at {practice_addr}.",
    "{staff} explains what {eponym} really means.",
    "{drug} lot {lot} is part of a voluntary recall.",
    "Scan UPC {upc} at the pharmacy counter to check for a recall.",
    "Our kiosk software moved to {version} last night.",
    "If the Wi-Fi printer drops, reboot and open {router} to reconnect.",
    "A {n}-step day burns more calories than you think.",
    "Save {hotline} in your phone today.",
    "Vaccine finder: {agency}",
    "RSV cases rose sharply in {gdate}.",
    "New guidance from {agency} came out in {gdate}.",
    "Most kids {kid} and older can swallow pills with practice.",
    "Send records to {practice_fax} and mark them for {staff}.",
    "{staff_first} from our team will lead the stretching class.",
)

DEV_HAND_NEGATIVES: tuple[str, ...] = (
    "Dr. Marcus Lee, DO, explains when a cough needs antibiotics.",
    "Priya Shah gives our newborn classes on Tuesdays.",
    "Reach our office at 541-555-0142 during business hours.",
    "Records can be faxed to 541-555-0143.",
    "We are at 2150 Orchard Lane, Suite 200, in Springfield.",
    "Simone Biles has spoken openly about ADHD medication.",
    "Selena Gomez said lupus changed how she plans her days.",
    "Bell's palsy usually improves within weeks.",
    "Graves' disease is the most common cause of an overactive thyroid.",
    "Tourette syndrome often starts in childhood.",
    "Hashimoto's thyroiditis is more common in women.",
    "Don't double up on Advil and Aleve.",
    "Lisinopril can cause a dry cough.",
    "Wegovy and Ozempic contain the same medicine.",
    "UPC 0 12345 67890 5 appears on the recalled cereal.",
    "The app update v10.0.3 fixes the login bug.",
    "Type 192.168.1.1 into the browser to see your router settings.",
    "Dial 911 if someone is not breathing.",
    "Call 1-800-222-1222 if a child swallows a battery.",
    "Read the CDC's advice at cdc.gov.",
    "The Surgeon General issued an advisory in May 2023.",
    "Measles cases jumped in early 2024.",
    "Men over 50 should ask about colon cancer screening.",
    "Teens aged 16 need a meningitis booster.",
    "Aim for 150 minutes of activity a week.",
    "A 20000 IU vitamin D dose is too high for daily use.",
    "We will host a blood drive on Saturday, June 13.",
    "Sam Okafor answers billing questions by phone.",
    "Taylor Brooks keeps our vaccine fridge logs.",
    "Jordan Rivera, NP, sees walk-ins on Mondays.",
    "Dr. Patel will be out of office next week.",
    "Store insulin in the fridge, not the freezer.",
    "Most ear infections clear up in three days.",
    "Drink water before you feel thirsty.",
    "Wash hands for 20 seconds.",
    "The Heimlich maneuver can save a choking adult.",
    "A1c tests show your average sugar over about three months.",
    "Sleep 7 to 9 hours a night if you can.",
    "The office is closed on New Year's Day.",
    "Our clinic opened in 2009.",
)

# --- dev2 part: tune on these (written 2026-12-04 for issue 17's classes of misses) ---
#
# New frames, written from the list of what the rules miss (names after a
# preposition, "X, who ...", form labels, sign-offs, titles, surnames alone, families;
# dates cued by a noun, more numeric and Spanish forms; ages over 89 in more wordings,
# decades over 89) and harder negatives (sentence-opening rare words, fictional brands).
# Extra slots: {ddate} (more date forms), {decade} (a decade over 89, labelled
# age_over_89); never labelled: {brand} (a made-up product brand), {old_decade} (a
# decade under 90), {imperative} (a rare word opening a how-to sentence).

DEV2_TEMPLATES: tuple[str, ...] = (
    "We got a lovely card from {P} after her knee replacement.",
    "Flowers for {P} are waiting at the front desk.",
    "The night nurses stayed late with {P} during the ice storm.",
    "A photo of {P} holding her new grandson made our week.",
    "This lentil soup recipe came to us courtesy of {P}.",
    "Big news about {P}: she rang the bell after her last radiation session.",
    "Our home-visit team drove out to check on {P.title} after her fall.",
    "{P}, who was diagnosed with lupus at 19, now runs a support group.",
    "{P.first}, who has had asthma since childhood, shares her inhaler tips below.",
    "{P}, whose son was born early, wrote to thank the night nurses.",
    "Caller: {P}",
    "Requested by: {P}",
    "Emergency contact: {Q}, {phone}",
    "Guardian: {P}",
    "Attn: {P.title}",
    "Referred by: {Q}",
    "Love, {P.first}",
    "Best wishes, {P}",
    "Gratefully yours, {P}",
    "With thanks from {P.first} and the kids",
    "How {P.first} Learned To Love Her Morning Walks",
    "A Day With {P}, Dialysis Warrior",
    "We heard from {P.last} again this morning.",
    "Tell {P.last} the lab called with good news.",
    "The {P.family} adopted a puppy and the twins' asthma got worse.",
    "Every fall the {P.family} come in together for flu shots.",
    "{P.first} writes: my toddler refuses his medicine, any tips?",
    "Reader {P.initial} wonders whether honey helps a cough.",
    "{S} told us the new walker makes the stairs easier.",
    "{S} waited an hour, and {staff} apologised in person.",
    "Admitted {ddate} with pneumonia, home a week later.",
    "Follow-up visit {sdate} went well.",
    "{P.first} passed away peacefully on {date}.",
    "Born {ddate} at 29 weeks, {P.first} now weighs 20 pounds.",
    "Her last chemo session was {ddate}.",
    "Fecha de nacimiento: {esdate}",
    "La atendimos el {esdate} por fiebre.",
    "Appt {sdate} at 3pm with {P.first}.",
    "His MRI was on {ddate}, and the results are in.",
    "{P}, aged {age}, completed cardiac rehab this spring.",
    "Even at {age}, {P.first} never misses water aerobics.",
    "Our {age}-year-old neighbor brought us tomatoes from her garden.",
    "Mi abuela tiene {age} años y camina todos los días.",
    "{P.first} is {age} and still drives herself to her appointments.",
    "{P.first} will be {age} next month.",
    "A patient in her {decade} asked about the shingles shot.",
    "My grandfather, now in his {decade}, still plays golf.",
    "Her cell is {phone}, call after 5.",
    "Fax {P.title}'s records to {fax} today.",
    "Reply to {P.email} with the form.",
    "{P.first}'s fundraiser: {url}",
    "New login for {P.first} from {ip}.",
    "{P} moved to {street}, Salem, OR {zip}.",
    "Zip {zip} was on the envelope {P.first} mailed us.",
    "Claim number {record} for {P}.",
    "SSN on file for {P.first}: {ssn}",
)

DEV2_NEGATIVE_TEMPLATES: tuple[str, ...] = (
    "{brand} gummies are not a substitute for {drug}.",
    "Clean the {brand} humidifier tank every three days.",
    "The {brand} app syncs with most glucose meters.",
    "{brand} nasal spray was recalled in {gdate}.",
    "{imperative} the device before cleaning it.",
    "{staff} reviewed this article on {eponym}.",
    "Check lot {lot} against the list before using {drug}.",
    "Firmware {version} fixes the pump alarm.",
    "Many adults in their {old_decade} need a lower dose of {drug}.",
    "Balance training helps people in their {old_decade} avoid falls.",
    "Adults 90 and older are counted together in our annual report.",
    "{famous} {says} that early treatment of {eponym} helped.",
    "Our office closes early on {gdate}.",
)

DEV2_HAND_NEGATIVES: tuple[str, ...] = (
    "Humidifier filters should be changed every month.",
    "Unplug the heating pad before you go to sleep.",
    "Nebulizer cups can be washed in warm soapy water.",
    "Reheat leftovers until they are steaming hot.",
    "Declutter walkways to prevent falls at home.",
    "Hydrocortisone cream can calm an itchy rash.",
    "Moisturize right after bathing to lock in water.",
    "Defrost breast milk in the fridge, not the microwave.",
    "Thermometers with a flexible tip are easier for kids.",
    "Earwax usually clears on its own.",
    "Lukewarm baths can help a fussy baby settle.",
    "Breathwell pulse oximeters were part of a voluntary recall.",
    "Snorezen mouth guards are not approved for sleep apnea.",
    "Crohn's and colitis are both kinds of inflammatory bowel disease.",
    "Gabapentin can make you dizzy at first.",
    "People in their 80s benefit from balance training.",
    "Tylenol and Advil can be alternated for a high fever.",
    "Version 14.2 of the app adds large text.",
    "Rinse the CPAP hose weekly.",
    "Sanitize pacifiers after they fall on the floor.",
    "Dr. Lee and Jordan Rivera, NP, will run the flu clinic.",
    "Parkinson's symptoms often start on one side of the body.",
    "Refrigerate insulin pens you have not opened yet.",
    "Recheck your blood pressure after five minutes of rest.",
)

# --- dev3 part (written 2026-12-05 for the name misses of issue 17, before any tuning) ---
#
# Frames for the classes of names the rules still miss: surnames that are common
# English words ({W}: a Faker person whose surname wordfreq rates as a common word,
# "Hill", "Young"); non-US names ({N}: a Faker person from an Irish, Vietnamese,
# Nordic, Polish, Spanish-speaking or African locale), also in title-case lines;
# names after "care for", "a note from", "the family of"; a surname alone ("the
# Kowalczyk family"); an honorific before an eponym's surname ({eptitle}: "Mrs.
# Parkinson", labelled). Negatives: towns and companies after "from"/"to" ({town},
# {company}: Faker's city and company names), title-case condition headlines
# ({condition}: a MeSH condition name from the gate's own list, title-cased), staff,
# eponyms, drugs, public figures quoted.
# Split by seed into two halves: dev3_tune.tsv (tune on it) and dev3_check.tsv
# (report only, never tuned on).

DEV3_TEMPLATES: tuple[str, ...] = (
    "A note from {W} arrived with a tin of shortbread for the nurses.",
    "We were honoured to care for {N} during her last weeks at home.",
    "Our night staff loved caring for {W.first} {W.last} after his bypass.",
    "The family of {N} asked us to share this thank-you with you.",
    "Meals for the family of {W} are being organised at the front desk.",
    "A card from {N.first} {N.last} is pinned to our break-room wall.",
    "Please keep {W.title} in your thoughts as she starts chemotherapy.",
    "{W.title} asked whether her water pills cause leg cramps.",
    "Thank you, {W.title}, for the lovely five-star review.",
    "{eptitle} brought a tray of cookies for the front desk.",
    "Welcome back, {eptitle}! Your new hip looks great.",
    "Our home-care nurse visits {eptitle} every Tuesday.",
    "Every Sunday the {N.last} family walks the river trail together.",
    "The {W.last} family sent a photo from the summit of their first hike.",
    "Our thoughts are with the {N.family} this week.",
    "We visited the {W.family} at home after the twins were born.",
    "Meet {N}: Back On Her Bike After Knee Surgery",
    "How {N.first} Beat Her Fear Of Needles",
    "{N}'s Story: Living Well With Type 2 Diabetes",
    "Patient Spotlight: {W} And The Saturday Walking Club",
    "From The Mailbag: {N.first} Asks About Sunscreen For Babies",
    "Why {W.first} {W.last} Never Skips Her Yearly Checkup",
    "{W} finished cardiac rehab last month and feels stronger than ever.",
    "{N}, a retired teacher, now volunteers at our front desk.",
    "We miss {W.title}, who moved away to be near her grandchildren.",
    "Congratulations to {N} on one year without a cigarette!",
    "A question from {N.title}: should I take my statin at night?",
    "The hospice team cared for {W} until the end.",
    "Sent in by {N}: a photo of her garden in full bloom.",
    "Our patient {W.last} says the new knee brace is comfortable.",
    "{N.first} and {W.first} met in our diabetes class and now walk together.",
    "Ask {W.first} {W.last} how she quit sugary drinks: she'll tell you!",
)

DEV3_NEGATIVE_TEMPLATES: tuple[str, ...] = (
    "There is a recall from {company} on frozen berries.",
    "{company} recalled a batch of infant formula this week.",
    "Our warehouse moved to {town} in the spring.",
    "The mobile clinic drives to {town} every second Thursday.",
    "A recall from {company} covers two lots of {drug}.",
    "Thanks to {company} for donating masks to our flu clinic.",
    "The nearest sleep lab is in {town}, about an hour away.",
    "Living Well With {condition}: What To Know",
    "{condition}: Signs, Causes And When To Call Us",
    "Ask The Nurse: Is It {condition} Or Just A Cold?",
    "{staff} will lead the walking group in {town}.",
    "{staff} answers your questions about {eponym}.",
    "{famous} {says} that regular checkups saved her life.",
    "Grants from {company} paid for our new exam tables.",
    "Patients from {town} can now book video visits.",
    "{drug} is back in stock at pharmacies in {town}.",
)

DEV3_HAND_NEGATIVES: tuple[str, ...] = (
    "Parkinson's disease affects movement and balance.",
    "Graves' disease can make your heart race.",
    "Bell's palsy often gets better on its own.",
    "Cushing syndrome is caused by too much cortisol.",
    "Addison's disease needs daily hormone pills.",
    "Young children need booster seats until about age 8.",
    "Rose hips are rich in vitamin C.",
    "Hill walking is great exercise for your heart.",
    "Green vegetables are full of folate.",
    "Frost can make sidewalks slippery in the morning.",
    "Dr. Ana Patel and Jordan Rivera, NP, will run the teen clinic.",
    "Taylor Brooks will call you to confirm your visit.",
    "Michael J. Fox has spoken about living with Parkinson's.",
    "Wilson disease is a rare copper disorder.",
    "Down syndrome awareness month is in October.",
    "Lyme disease is spread by ticks.",
)

# --- dev4 part (written 2026-12-05 by someone who has not read the detector) -------------
#
# Frames written blind: not from the rules, nor from a list of their misses, but from
# what a small practice's staff write (blog, social posts and replies, newsletters,
# captions, recaps, text messages, staff notes pasted by mistake, headlines, Spanish),
# with the name at the start, middle and end, after verbs, in lists, possessives,
# vocatives, parentheses, quotes, hashtags, all-lower-case chat and nicknames.
# Extra slots: {V} a person whose first name is also an English word or a month
# ("Hope", "Grace", "Will", "April": generate.WORD_FIRST_NAMES); {P.lower} (any head)
# a first name in lower case.
# Split by seed into two halves: dev4_tune.tsv (tune on it) and dev4_check.tsv
# (report only, never tuned on).

DEV4_TEMPLATES: tuple[str, ...] = (
    # subject at the start, reporting verbs
    "{P.first} called Tuesday to say the lower dose is working.",
    "{W} reported a rash two days after starting the antibiotic.",
    "{P.first} told us the CPAP is finally working: no more snoring!",
    "{N.first} mentioned at the last visit that the stairs at home are getting harder.",
    "{P} wrote in to ask whether it is safe to fly six weeks after surgery.",
    "{V.first} first came to see us one rainy Monday in March.",
    "{W.title} swears by a glass of water before every meal.",
    # object of a verb or after a preposition, middle of the sentence
    "We called {P.first} back twice, but the line was busy.",
    "Last spring, after months of heel pain, {W.first} finally tried the stretches in this post.",
    "After three years of trying, {V.first} and {Q.first} are expecting twins.",
    "We're cheering for {V.first}: physical therapy starts next week!",
    "According to {W.title}, the new parking lot is a big improvement.",
    "At Saturday's health fair, {V} won the raffle for a free blood pressure cuff.",
    "{N.title} is home from the hospital and would love a card from the walking group.",
    # end of the sentence
    "This month's healthy recipe swap was won by {N}.",
    "The knitted hats in our newborn nursery were all made by {W}.",
    "Today's question comes from {W.initial} in the comments.",
    # quotes
    'As {P.first} put it, "the hardest part was making the first appointment."',
    "\"I didn't think I'd ever jog again,\" says {V.first}, who had knee surgery in the spring.",
    '"Ask the pharmacist for the cheaper generic," {N.first} advises other parents.',
    '"Friendly staff and no waiting!" – {P.initial}, Google review',
    # lists
    "Big thanks to our volunteers: {P.first}, {Q.first} and {V.first}.",
    "{N}, {Q} and {W} all finished the eight-week balance class.",
    "Our 5K team ({P.first}, {W.first}, {N.first} and {staff}) raised $2,300 for the food bank.",
    "Pictured left to right: {P}, {staff}, and {Q}.",
    # possessives
    "{V.first}'s mom asked us to share her tricks for getting a toddler to take medicine.",
    "{W.last}'s blood pressure diary was so tidy that we asked to use it as an example.",
    "{Q.first} never missed one of {P.first}'s radiation appointments.",
    "In this issue: flu shot hours, a sunscreen guide, and {N.first}'s story of quitting vaping.",
    # vocatives and replies
    "Hi {V.first}, great question! Yes, you can take it with food.",
    "Hey {P.first}! So glad the ear drops helped 😊",
    "{W.first}, we're so sorry about the billing mix-up; the front desk will call you today.",
    "Thanks for sharing, {N.first}! Please call us if the swelling comes back.",
    "Replying to {V.first}: a fever of 100.4 or more in a newborn needs a call right away.",
    "@{V.first} so happy to hear that, see you at your next checkup!",
    "Dear {P.first}, thank you for the handmade scarves for our chemo chairs.",
    # parentheses and dashes
    "One reader (thank you, {W.first}!) caught a typo in last week's dosing chart.",
    "The smoothie recipe below (from {N.title}) has no added sugar.",
    "Best advice we got this year, from {V.first}: wash your hands like you mean it.",
    "Photo credit — {P}",
    "{N.first} showing off a new cast (purple, of course!)",
    # hashtags and loud social posts
    "Round two of chemo done! #{P.first}Strong",
    "SO proud of {V.first} for finishing couch-to-5K!!",
    "Tag a friend who needs a checkup, like {P.first} did last month.",
    # all-lower-case chat
    "lol yes {P.lower} we saw your post, glad the rash is gone",
    "omg tell {V.lower} we said congrats on the new baby!!",
    "thx {W.lower}, we'll pass that on to the nurses",
    "sunday walk club!! {N.lower}, {Q.lower} and the pups",
    # headlines in title case
    "{V.first} {V.last} On Living Well With Migraines",
    "Five Questions With {W}, Our Newest Walking Club Member",
    "What {N.first} Wishes Someone Had Said Before Hip Surgery",
    "Caregiver Of The Month: {W.title}",
    "The {W.last} Family's Guide To Allergy Season",
    "How The {N.family} Made Weeknight Dinners Healthier",
    "Back On The Trail: {V.first} {W.last} After Heart Surgery",
    # families, surnames alone, nicknames
    "Happy holidays from all of us, and a special hello to the {W.family}!",
    "We loved seeing the whole {N.last} crew at the flu clinic.",
    "Coach {W.last} asked us to talk to the team about concussions.",
    "Pastor {W.last} brought a famous pecan pie to the open house.",
    "{P.first} (Bunny to friends) has been coming to us for decades.",
    "Our favourite crossing guard, {V.first}, gets a flu shot here every October.",
    "The whole waiting room sang when {V.first} turned {age} on Sunday.",
    # Spanish
    "Gracias a {P} por compartir su historia con nosotros.",
    "{N.first} nos contó que ya no necesita el inhalador por las noches.",
    "Felicidades a la familia {W.last} por su nuevo bebé.",
    "La señora {P.last} nos trajo tamales para todo el equipo.",
    "Hola {V.first}, ¡gracias por tus palabras tan bonitas!",
    # text messages and staff notes pasted by mistake
    "Reminder for {P.first}: your visit with {staff} is tomorrow at 9:40. Reply C to confirm.",
    "This is the front desk. {W.title}, your prescription is ready for pickup.",
    "Text from {V.first} ({phone}): running 10 min late, sorry!",
    "note to self - check with {P} before we post the photo",
    "TODO: remove {N.last} from the caption, no signed release yet",
    "(internal) {W.title} prefers calls after 4; cell {phone}",
    "pls don't post yet, {P.last} hasn't signed the photo consent",
    "{P.first} {P.last}, DOB {date}, wants the chart sent to a new doctor",
    # other identifiers next to a name
    "A huge welcome to baby {V.first}, born {date} to one of our longtime patients.",
    "P.S. {N.first} says the cookie recipe is a family secret.",
    "The wind chimes by our entrance were a gift from the late {W}.",
)

DEV4_NEGATIVE_TEMPLATES: tuple[str, ...] = (
    "{staff} will be at the {town} farmers market with free blood pressure checks.",
    "Hope Is Not A Plan: Getting Ahead Of {condition}",
    "Will {drug} interact with the pill? {staff} explains.",
    "May is a busy month for allergy visits in {town}.",
    "{famous} {says} that checking blood sugar before a show is routine.",
    "Our friends at {company} sent over a box of reusable ice packs.",
    "{condition} In Kids: What Parents Should Watch For",
    "Does {drug} Cause Weight Gain? Ask {staff}",
    "Ask {staff_first}: What Causes {condition}?",
    "Our walk-in flu hours have not changed since {gdate}.",
    "The {town} library hosts our free diabetes class on Wednesday evenings.",
    "{company} is our new supplier of exam gloves.",
    "Update from {staff}: the {drug} shortage should ease by {gdate}.",
    "Why {eponym} is often missed in women, with {staff}",
    "A reminder from {staff_first}: bring every pill bottle to your visit, including {drug}.",
    "Hunting season is here: pack a first-aid kit before you head out past {town}.",
    "Summer Camp Forms: Bring Them In Before {gdate}",
    "Young Athletes And {condition}: A Guide For Coaches",
    "{famous} {says} that patience is the hardest part of any recovery.",
    "Grace, Grit And {condition}: Notes From Our Support Group",
)

DEV4_HAND_NEGATIVES: tuple[str, ...] = (
    "Hope for the best, but get the flu shot anyway.",
    "Grace under pressure is easier after a good night's sleep.",
    "Will your child need a booster this fall? Check the chart below.",
    "May through September is peak tick season in Oregon.",
    "April showers bring pollen, and pollen brings sneezing.",
    "June is Men's Health Month, so book that overdue physical.",
    "Summer heat can be dangerous for people on water pills.",
    "Faith groups in Springfield are hosting free blood pressure checks.",
    "Joy and sadness can both show up after a new baby arrives.",
    "Are Rose Thorns Dangerous? What To Do About A Puncture Wound",
    "Sky-high pollen counts are expected this weekend.",
    "Hunters: wear orange and carry a whistle when you hike alone.",
    "Burns from hot coffee are the most common kitchen injury we see in toddlers.",
    "Day surgery means you go home the same evening.",
    "Baker's cysts often show up behind the knee when arthritis flares.",
    "Down syndrome, Crohn's disease and Parkinson's are all named after doctors.",
    "Monday through Friday, Dr. Patel sees walk-ins before 10 a.m.",
    "Frank talk about alcohol can save lives.",
    "Mark your calendar: the flu clinic opens Saturday, October 3.",
    "Jimmy Carter said his faith helped him through cancer treatment.",
    "Ask The Pharmacist: Can I Take Benadryl With Zoloft?",
    "Dawn dish soap works well for cleaning breast pump parts.",
)


# --- dev5: frames written blind by another writer, a later round ----------------------
from tools.gate_eval.templates_dev5 import (  # noqa: E402
    DEV5_HAND_NEGATIVES,
    DEV5_NEGATIVE_TEMPLATES,
    DEV5_TEMPLATES,
)

# --- dev6: frames written blind by a third writer, a later round --------------------
from tools.gate_eval.templates_dev6 import (  # noqa: E402
    DEV6_HAND_NEGATIVES,
    DEV6_NEGATIVE_TEMPLATES,
    DEV6_TEMPLATES,
)

# --- dev7: frames written blind by a fourth writer, a later round -------------------
from tools.gate_eval.templates_dev7 import (  # noqa: E402
    DEV7_HAND_NEGATIVES,
    DEV7_NEGATIVE_TEMPLATES,
    DEV7_TEMPLATES,
)

# --- dev8: frames written blind by a fifth writer, a later round --------------------
from tools.gate_eval.templates_dev8 import (  # noqa: E402
    DEV8_HAND_NEGATIVES,
    DEV8_NEGATIVE_TEMPLATES,
    DEV8_TEMPLATES,
)

# --- dev9: frames written blind by a sixth writer (whole posts, pasted Markdown) -----
from tools.gate_eval.templates_dev9 import (  # noqa: E402
    DEV9_HAND_NEGATIVES,
    DEV9_NEGATIVE_TEMPLATES,
    DEV9_TEMPLATES,
)

# --- dev10: a seventh writer (pasted tool output, honorifics, named-after negatives) --
from tools.gate_eval.templates_dev10 import (  # noqa: E402
    DEV10_HAND_NEGATIVES,
    DEV10_NEGATIVE_TEMPLATES,
    DEV10_TEMPLATES,
)

__all__ = [
    "DEV5_HAND_NEGATIVES",
    "DEV5_NEGATIVE_TEMPLATES",
    "DEV5_TEMPLATES",
    "DEV6_HAND_NEGATIVES",
    "DEV6_NEGATIVE_TEMPLATES",
    "DEV6_TEMPLATES",
    "DEV7_HAND_NEGATIVES",
    "DEV7_NEGATIVE_TEMPLATES",
    "DEV7_TEMPLATES",
    "DEV8_HAND_NEGATIVES",
    "DEV8_NEGATIVE_TEMPLATES",
    "DEV8_TEMPLATES",
    "DEV9_HAND_NEGATIVES",
    "DEV9_NEGATIVE_TEMPLATES",
    "DEV9_TEMPLATES",
    "DEV10_HAND_NEGATIVES",
    "DEV10_NEGATIVE_TEMPLATES",
    "DEV10_TEMPLATES",
]
