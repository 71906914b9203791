# ruff: noqa: E501  (frames are kept one a line, as written)
"""Dev-8 evaluation frames written by an outside writer.

Written blind: the writer read only tools/gate_eval/generate.py (its slot vocabulary,
how slots are filled and labelled, and its documented labelling decisions) and the
notes under /work/shared/reference/. The detector, the tests, the gate docs and the
other rounds' frames were not read, and the detector was not run on these frames.

This round leans on social-media text pasted into posts (replies, comment threads,
review excerpts signed with the reviewer's name), names without cue words (objects of
prepositions, appositives, possessives, after "and", lists and L-to-R captions,
lower-case casual writing, names that are English words), person-tied dates inside
parentheses, ranges and reminders, ages over 89 in words and decades, contact details
with extensions and odd separators, structured fragments (intake lines, SMS reminders,
voicemail transcripts, sticky-note shorthand, e-mail signatures, sign-up sheets) and
short sentences in Spanish, Chinese, Russian, Ukrainian, Korean, Japanese, Somali,
Hmong, Arabic, Amharic, Vietnamese and Tagalog. Hard negatives: public figures,
eponyms, drugs and brands, the practice's own staff and contact details, holidays and
awareness months, words that are also names, clinic event dates, ages under 90.

DEV8_TEMPLATES          frames with at least one labelled (identifier) slot
DEV8_NEGATIVE_TEMPLATES frames with only unlabelled slots
DEV8_HAND_NEGATIVES     plain sentences with no identifier and no slots
"""

from __future__ import annotations

DEV8_TEMPLATES = (
    # Social-media replies and comment threads pasted into a post
    "Replying to @{P.lower}{young}: yes, you can take {drug} with food. Thanks for asking, {P.first}!",
    "@{P.lower} asked under our last video whether kids can use a neti pot. Short answer: not under {kid}, and only with boiled or distilled water.",
    'Quoting a Facebook comment from {P} (shared with permission): "I put off my colonoscopy for six years. Don\'t be me."',
    "Thread from Instagram, lightly edited: {P.lower}: does the flu shot make you sick?? / {staff_first} (staff): No, it can't give you the flu. / {Q.lower}: my arm was sore for 2 days tho",
    "In reply to {P.title}: we can't talk about anyone's care here, but please call {practice_phone} and ask for {staff}.",
    "So many of you asked about {V.first} after her post about her mom's hip surgery. She's doing great and says thank you!",
    "Top comment of the week goes to {P.lower} 😂 'my fitbit thinks folding laundry is a workout'",
    "Re: {P.first}'s question in the comments: yes, the Saturday flu clinic is walk-in, no appointment needed.",
    'From our Facebook Q&A. {N.first} wrote: "Is it normal for my toddler to snore?" {staff} answered: usually not a worry, but mention it at the next checkup.',
    "Replying to {P.first} and {Q.first}: we saw your comments and sent you both a private message.",
    "A neighbor, {W.title}, posted on Nextdoor that our parking lot floods every time it rains. Fair point! The drain gets fixed next month.",
    "💬 {V.lower} says: 'been doing the chair yoga video every morning, knees feel 10 yrs younger' (we love this)",
    "Someone tagged us in a photo with {P} at the finish line and we are not crying, you are.",
    "Pinned comment from {S.first} (a patient, not our staff member with the same name!): the new online check-in saved me 20 minutes.",
    "A comment that came in through the contact form from {P.email}, posted with her OK: 'Your sunscreen post made me book my first skin check.'",
    # Review excerpts signed with the reviewer's name, and replies to them
    '★★★★★ "{staff} explained everything twice and never made me feel rushed." – {P}, Google review',
    "Yelp, 3 stars, from {V}: parking is a nightmare but the nurses are angels. Thank you for the honest review!",
    '"Best pediatric office in town, hands down" — {P.first}, mom of three',
    "Thank you {P} for the kind words on Yelp! We're so glad your shoulder feels like your own again.",
    "Google reviewer {W} called our lab draw 'painless.' We're framing it.",
    "What patients are saying: 'They remembered my dog's name.' ({P.initial}, via Google)",
    "Hi {P.first}, we're sorry your visit on {date} didn't go the way it should have. Our office manager would like to call you.",
    # Names without cue words: after prepositions, in appositives, possessives, after "and"
    "We got the sweetest card from {P.first} and her twins this week. It's on the fridge in the break room.",
    "Our newest volunteer, {P}, will run the welcome desk on Monday mornings.",
    "{P.first}'s knee is the reason this post exists: she asked what 'bone on bone' actually means, and it's a great question.",
    "Thanks to the {P.family} for the cookies, and to {Q.first} for the hand-drawn thank-you card.",
    "coffee after spin class with {P.lower} and {Q.lower}, both swore by the hip stretch we posted friday",
    "The flowers at the front desk? They're from {W.title}, who wanted to say thanks to the whole team.",
    "A photo of {V.first}, our youngest 5K finisher, is up on the board by the elevator.",
    "Get-well wishes to {S}, who usually brings the whole waiting room cookies.",
    "Welcome back, {S.first}! Water aerobics hasn't been the same without you.",
    "One of our patients, {eptitle} (no relation, she wants you to know), asked us to write about tremors.",
    '{P.first} "{V.first}" {P.last} turned 80 this spring and still plays pickleball three times a week.',
    "With {P.first} off to college, her little brother {Q.first} is now our most loyal sticker collector.",
    "Congratulations to {P} and {Q}, who ran their first half marathon together after cardiac rehab.",
    "Last fall {eptitle} joked that with a name like hers she should get a discount on the neurology consult.",
    # Lists of three or more people, L-to-R captions, sign-up sheets
    "L to R: {staff}, {P}, {Q}, and {N} at the Heart Walk.",
    "Raffle winners: {P}, {W}, {Q} and {V}. Come pick up your water bottles at the front desk!",
    "Pictured (back row): {P.first}, {Q.first}, {V.first}; (front): {N.first} and {staff_first}.",
    "Caption: {N} holding the newest member of the family, {sdate}.",
    "Our walking group this month: {P.initial}, {Q.initial}, {W.initial}, {N.initial}. 112 miles between you!",
    "Sign-up sheet, diabetes cooking class: 1. {P} 2. {Q} 3. {W} 4. (open) 5. (open)",
    "Event RSVPs so far: {P} +2, {Q} +1, {V} (maybe), {N} (bringing the fruit tray).",
    # Names that are also English words, months or places
    "{V.first} brought her mother in for a second opinion, and we're so glad she did.",
    "{W.title} says the hardest part of quitting was the first cup of coffee every morning.",
    "spotted {V.lower} at the farmers market buying kale. proud of you!!",
    "A note from the {W.family}: 'Thank you for taking such good care of Dad these last two years.'",
    # Dates tied to a person: admissions, births, deaths, reminders, parentheses, ranges
    "{P.first} was admitted {date} and went home {ddate}, four days earlier than anyone expected.",
    "Hospital stay {sdate}–{sdate}; discharge went smoothly and she's already back at work.",
    "Happy birthday to {V.first}, born {date}, who brings donuts to every single appointment.",
    "Appt reminder: {P.first}, you're booked with {staff} on {date} at 10:40 AM. Reply C to confirm or R to reschedule.",
    "{P.title} (seen {sdate}) asked us to share how she caught a melanoma early by checking a spot on her back.",
    "Her daughter, {P}, wrote to tell us her mom died peacefully on {date}, surrounded by family.",
    "We first met {P.first} on {ddate}, the day she walked in with a sprained wrist and a huge smile.",
    "Born {date} at 28 weeks, {V.first} is now a kindergartner who outruns everyone at recess.",
    "(Photo taken {sdate}, the morning of {P.first}'s last chemo.)",
    "{P.first}'s birthday is {sdate}, and all she wants is for everyone to get a flu shot.",
    "Intake form: Last visit {date}. Next visit {ddate}. Allergies: penicillin.",
    "Surgery: {ddate}. Home: {ddate}. Back on the golf course six weeks later, right on schedule. Go {P.first}!",
    "Baby {Q.first} arrived {date} (7 lb 2 oz), and mom {P.first} is doing great.",
    # Ages over 89, in figures, in words and as decades
    "At {age}, {P.first} still drives herself to every appointment and parallel parks better than any of us.",
    "{P.title}, a spry {age}-year-old, asked us to pass on the secret: 'Prunes, and no regrets.'",
    "Our oldest flu-shot patient this season is {age}!",
    "My grandmother is in her {decade} and just had cataract surgery; she says colors are brighter than she remembered.",
    "Birthday corner: {P} turned {age} on {date}, and the party had three kinds of pie.",
    "Dad ({decade}, stubborn as ever) finally let us set up his pill organizer.",
    "Pt is a {age} y/o F, lives alone, independent with ADLs, here for a med review.",
    "The oldest finisher in the Turkey Trot, {W}, is {age} and beat two of our nurses.",
    # Contact details: extensions, dots, no spaces, signatures, mailing addresses
    "For carpool sign-ups, text {P.first} at {phone} (she's organizing rides to the support group).",
    "Voicemail transcript: 'hi this is {P.first} calling about my refill, my number is {phone}, okay thank you bye'",
    "Please fax {P.title}'s records to {fax}, attn: billing.",
    "Please send my son's school physical form to {email}. Thanks! — {P.first}",
    "Sorry, this one got pasted in with a patient's email signature: {P} | {street} | {zip} | cell {phone}",
    "We mailed your prize to {street}, {V.first}. Let us know if it doesn't show up!",
    "Her blog, {url}, has the best low-sodium recipes we've found.",
    "Friends keep asking where to donate for {P.first}'s treatment: {url}.",
    "The portal login came from {ip}, which is {P.first}'s home Wi-Fi, so the lockout was a false alarm.",
    "Hi {P.first}! Reminder: {staff}, {date}, 2:15pm. Reply Y to confirm, N to cancel. Questions? {practice_phone}",
    "Contact: {P.email} / {phone} ext. 3 / prefers text after 5pm",
    "Winner of the smoothie blender: {P} (ZIP {zip}). Congrats!",
    "MRN {record} — {P.initial} — called twice re: lab results, pls call back",
    "Acct #{record} is paid in full. Thank you, {P.title}!",
    "The SSN on your intake form ({ssn}) was cut off in the scan, {P.first}; please bring your card to your next visit.",
    "{P.first} moved to {street}, so the home-health nurse has a longer drive now.",
    # Structured fragments: intake lines, sticky notes, voicemail logs, signatures, headings
    "Name: {P} · DOB: {ddate} · Phone: {phone} · Reason for visit: knee pain",
    "Sticky note on the monitor: pt {P.last} f/u {sdate} re BP, call {phone}",
    "Raffle drawn by {staff}: 1st {P}, 2nd {W.title}, 3rd {Q.first}.",
    "From: {P} <{P.email}> / Subject: THANK YOU!!! / You all saved my summer.",
    "Wait list: {P.initial} (any day), {Q.initial} (mornings only), {N.initial} (after 3)",
    "VM 9:12am, {P.title}: 'This is about my mother's appointment on {date}, please call me back at {phone}.'",
    "Insurance card: member ID {record}, subscriber {P}.",
    "Ref: {P.last}, {P.first} | DOB {ddate} | MRN {record}",
    "-- {P} | {phone} | Sent from my iPhone",
    "PATIENT SPOTLIGHT: {P}, ONE YEAR CANCER-FREE",
    "WELCOME BACK, {P.first}! (Her words: 'never breaking an ankle again.')",
    # Other languages: a patient named, or a person's date or age
    "{P.first} tiene {age} años y todavía camina todos los días.",
    "Recordatorio: {P.first}, su cita es el {esdate}. Responda SÍ para confirmar.",
    "Gracias, {P.title}, por su reseña en Google. Nos alegra que su hija ya esté mejor.",
    "感谢{P}女士的来信！她{sdate}做完了膝盖手术，现在恢复得很好。",
    "家属联系人：{Q}，电话{phone}。",
    "Спасибо, {P.first}, за тёплый отзыв! Выписка была {sdate}.",
    "Карта пациента: {P}, дата рождения {ddate}.",
    "{P} 님, {date} 예약을 잊지 마세요.",
    "Mahadsanid {P.first}! Ballantaada xigta waa {sdate}.",
    "Ua tsaug {P.first} rau koj cov lus zoo!",
    "شكراً لـ{P} على تقييمها الرائع!",
    "እናመሰግናለን {P.first}! ቀጠሮዎ {sdate} ነው።",
    "Вітаємо {P.first} з днем народження ({sdate})!",
    "{P.last}様、{sdate}のご予約の確認です。",
    "Cảm ơn chị {P.first} đã gửi thiệp cho cả phòng khám!",
    "Maraming salamat, {P.first}! Kita-kits sa {sdate}.",
)

DEV8_NEGATIVE_TEMPLATES = (
    # Public figures with a reporting verb, eponyms, drugs, made-up brands
    "{famous} {says} that the hand tremor started years before anyone gave it a name.",
    "{famous} {says} that checking blood sugar before every show is just part of the routine.",
    "Questions about {eponym}? Join {staff} for a free talk in the community room.",
    "Taking {drug} and worried about {eponym}? Ask {staff} before you change anything.",
    "Recall notice: {drug} lot {lot} (UPC {upc}). Details at {agency}.",
    "{brand} is not FDA-approved; check {agency} before you buy supplements online.",
    "Update the {brand} app to {version} before you sync your glucose readings.",
    # How-to lines that open with a rare verb, and a router's factory default
    "{imperative} the spacer once a week and let it air-dry; don't towel it off.",
    "{imperative} the humidifier tank before you refill it, every single time.",
    "If the portal page won't load at home, try your router's settings page at {router} first.",
    # The practice's own staff, phone, fax and address
    "Vacation notice ({gdate}): {staff} is away, and {staff_first} is covering the nurse line.",
    "Call {practice_phone}, fax {practice_fax}, or stop by {practice_addr}.",
    "Take Orchard Lane past the pharmacy and park in back: we're at {practice_addr}.",
    "Replying to everyone who asked: {staff} is accepting new patients again!",
    "Happy work anniversary to {staff}, who still remembers every kid's favorite sticker.",
    "Llame al {practice_phone} para hacer una cita con {staff}.",
    "请致电{practice_phone}预约{staff}。",
    "L to R: {staff}, {staff_first} and our new front-desk lead at the health fair.",
    "Caption: {staff} giving the flu-shot demo at our {gdate} open house.",
    "Voicemail greeting: 'You've reached the nurse line for {staff}. For emergencies, hang up and dial 911.'",
    # Clinic event dates, ages under 90, counts, hotlines
    "Walk-in flu clinic: {gdate}. No appointment needed, just bring your insurance card.",
    "Kids {kid} and up can use the chewable tablets; for younger kids, ask {staff_first}.",
    "Most adults over {adult} should ask about the shingles vaccine.",
    "A {young}-year-old runner and a {adult}-year-old gardener need different stretching routines.",
    "In your {old_decade}, balance exercises matter more than ever.",
    "Walking {n} steps a day is a goal, not a rule.",
    "Save this number in your phone: {hotline}.",
    "Reminder for parents: the {kid}-year checkup includes a vision screen.",
    # Companies, towns and agencies not tied to a patient
    "{company} donated the blood-pressure cuffs for our screening day.",
    "A study out of {town} found that people who gardened slept better.",
    "Our {gdate} newsletter covers {eponym}, new {drug} guidance and a soup recipe.",
    "@ us with questions about {drug} and {staff} will answer a few live on Friday.",
    "Visit {agency} for the latest guidance, or call {practice_phone} to talk to a nurse.",
)

DEV8_HAND_NEGATIVES = (
    # Eponymous diseases, tests and maneuvers (some carry a person's name)
    "Parkinson's Awareness Month is in April, and our tremor clinic is adding evening hours.",
    "An Apgar score of 8 or 9 at five minutes is normal for a healthy newborn.",
    "The Heimlich maneuver works for adults; for babies under one, use back blows and chest thrusts.",
    "Ask about the Epley maneuver if your dizziness starts when you roll over in bed.",
    "Tommy John surgery isn't just for pitchers anymore: we see it in teenage softball players too.",
    "Lou Gehrig's disease is another name for ALS.",
    # Historical figures, books, shows and sports teams
    "Florence Nightingale kept careful charts of hospital deaths, and they changed how wards were run.",
    "Edward Jenner tested the first smallpox vaccine in 1796.",
    "Our staff book club is reading 'The Immortal Life of Henrietta Lacks' this month.",
    "Dr. Seuss books are great for bedtime: rhyming helps toddlers wind down.",
    "Grey's Anatomy is not a medical reference, no matter how many seasons you've watched.",
    "Go Ducks! Our sports-medicine team will be on the sidelines at Autzen Stadium for the home opener.",
    # Drug and brand names
    "Mounjaro and Zepbound are the same medicine, tirzepatide, sold under two names.",
    "Benadryl makes many people drowsy; Claritin and Allegra usually don't.",
    "Sound-alike check: Celebrex, Celexa and Cerebyx are three very different drugs.",
    "An expired EpiPen is better than no EpiPen in an emergency, and then call 911.",
    # Words that are also first names, months or places
    "Savannah, Charleston or the coast this summer? Pack sunscreen and refill prescriptions before you go.",
    "Lincoln City had its first heat advisory of the year, so the walking group is meeting indoors.",
    "Jordan almonds are a choking hazard for toddlers; save them for the grown-ups.",
    "Grant money from the state paid for our new hearing-screening booth.",
    "Rich foods and late dinners are two of the most common heartburn triggers.",
    "Bill your insurance first; if the claim is denied, our billing team can set up a payment plan.",
    "Hunter orange isn't just for hunters: wear it on trail runs during the fall season.",
    "Will the new COVID shot be covered? For most plans, yes.",
    "May is Mental Health Awareness Month, and June is Men's Health Month.",
    "August is National Immunization Awareness Month, so check your kids' shot records before school starts.",
    # Holidays and clinic event dates
    "Happy Mother's Day to every mom juggling car seats, formula and her own checkups!",
    "Dry January starts next week: here's what 31 days off alcohol does for your liver.",
    "Our office is closed for Martin Luther King Jr. Day, and the patient portal stays open.",
    "The clinic's flu-shot Saturday is October 12, from 9 to noon, in the main lobby.",
    "Tuesday the 14th is our next free blood-pressure screening in the lobby.",
    "The FDA approved the first RSV vaccine for older adults in May 2023.",
    # The practice's own staff, phone, fax and address
    "Dr. Patel and Jordan Rivera, NP, will both be at our booth at the county fair.",
    "Priya Shah, RN, leads our new diabetes education class on Wednesday evenings.",
    "Call us at (541) 555-0142 or fax forms to (541) 555-0143.",
    "Our address is 2150 Orchard Lane, Suite 200, Springfield, OR 97477, with free parking in back.",
    "Take Orchard Lane to the second light; we're the brick building with the green awning.",
    # Ages under 90 and ages as a group, codes and doses
    "Most kids are ready to stop napping somewhere between ages 3 and 5.",
    "Women in their 40s should talk with their doctor about when to start mammograms.",
    "Adults 90 or older still benefit from a flu shot; age alone is not a reason to skip it.",
    "The ICD-10 code for type 2 diabetes without complications is E11.9.",
    "Poison Help is 1-800-222-1222, open 24 hours, even for 'it's probably nothing' calls.",
    "If the patient portal won't load at home, restart the router at 192.168.1.1 first.",
    # Social-media lines with no person in them
    "Replying to everyone who asked: yes, we have evening hours on Thursdays now!",
    "L to R: our front desk, our nurses, and one very patient photographer.",
    "Sticky note of the week: 'Drink water. Then drink more water.'",
    # Other languages, no person
    "La vacuna contra la gripe es gratis para niños menores de 18 años.",
    "流感疫苗现在可以预约了，欢迎带全家一起来。",
    "Прививку от гриппа можно сделать без записи.",
    "독감 예방접종은 예약 없이 가능합니다.",
    "Tallaalka hargabka waa bilaash carruurta.",
    "لقاح الإنفلونزا متوفر الآن في عيادتنا.",
    "インフルエンザの予防接種を受け付けています。",
    "Щеплення від грипу вже доступне в нашій клініці.",
)
