"""Names the rules missed on text they were not written against (issue 17, dev3 classes):
an honorific before an eponym's surname, a first name then a surname that is an English
word, a family by its surname, first names of other countries in titles; and the places
and companies after "from"/"to" that are not names."""

from __future__ import annotations

import pytest

from conftest import name_findings


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mrs. Parkinson brought a tray of cookies for the front desk.", "Mrs. Parkinson"),
        ("Our home-care nurse visits Mr. Graves every Tuesday.", "Mr. Graves"),
        ("Welcome back, Ms. Bell! Your new hip looks great.", "Ms. Bell"),
    ],
)
def test_an_honorific_before_an_eponym_surname_is_a_name(allow, text, name):
    assert name in name_findings(text, allow)


@pytest.mark.parametrize(
    "text",
    [
        "Don't Miss Our Flu Clinic",  # "Miss" is also a verb: no eponym or drug after it
        "Don't Miss Tylenol Coupons",
        "Parkinson's disease affects movement and balance.",
        "Graves' disease can make your heart race.",
        "Bell's palsy often gets better on its own.",
        "Mr. Mr. Mr. Mr. Mr.",  # the bench's odd one-post site: honorifics are no surnames
    ],
)
def test_the_eponym_itself_is_still_no_name(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A note from Ruth Hill arrived with a tin of shortbread.", "Ruth Hill"),
        ("We were honoured to care for Aoife Young during her last weeks.", "Aoife Young"),
        ("The family of Wojciech Rose asked us to share this thank-you.", "Wojciech Rose"),
    ],
)
def test_a_first_name_then_a_surname_that_is_an_english_word_is_a_name(allow, text, name):
    assert name in name_findings(text, allow)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Every Sunday the Kowalczyk family walks the river trail together.", "Kowalczyk"),
        ("The Hill family sent a photo from the summit of their first hike.", "Hill"),
    ],
)
def test_a_family_named_by_its_surname_is_a_name(allow, text, name):
    assert name in name_findings(text, allow)


@pytest.mark.parametrize(
    "text",
    [
        "Flu spreads fast when the whole family shares a bathroom.",
        "Tomatoes belong to the nightshade family.",
        "The Royal family attended the charity race.",
    ],
)
def test_a_word_describing_a_family_is_no_surname(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A card from Hưng Nguyễn is pinned to our break-room wall.", "Hưng Nguyễn"),
        ("SSN on file for Caetana: 574-39-3630", "Caetana"),
        ("Niamh, who has had asthma since childhood, shares her tips below.", "Niamh"),
        ("Congratulations to dolores ó cnáimhsighe on one year smoke-free!", "dolores"),
    ],
)
def test_first_names_of_other_countries_are_found_after_a_cue(allow, text, name):
    assert any(name in found for found in name_findings(text, allow))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("How Averil Beat Her Fear Of Needles", ["Averil"]),
        ("Why Heidi Mason Never Skips Her Yearly Checkup", ["Heidi Mason"]),
        ("A Day With Sarvinoz Nozimova, Dialysis Warrior", ["Sarvinoz Nozimova"]),
    ],
)
def test_a_first_name_in_a_title_case_line_is_found(allow, text, expected):
    assert name_findings(text, allow) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ask Beverly Branch how she quit sugary drinks.", "Beverly Branch"),
        ("We visited the Butlers at home after the twins were born.", "Butlers"),
        ("Our thoughts are with the Martinezes this week.", "Martinezes"),
        ("Our patient Butler says the new knee brace is comfortable.", "Butler"),
        ("My neighbor Hill told me about your flu clinic.", "Hill"),
    ],
)
def test_a_surname_that_is_a_word_is_found_beside_a_first_name_or_as_a_family(allow, text, name):
    assert name in name_findings(text, allow)


@pytest.mark.parametrize(
    "text",
    [
        "A recall from Gehringer GmbH covers two lots of Advil.",
        "Thanks to Kensy KG for donating masks to our flu clinic.",
        "A recall from Franzese, Mocenigo e Borromini Group covers two lots of Tylenol.",
        "There is a recall from Green Valley Farms on frozen berries.",
        "Grants from Hermanos Guillen S.L.N.E paid for our new exam tables.",
        "Our warehouse moved to Carrollhaven in the spring.",
        "The mobile clinic drives to Sternberg every second Thursday.",
        "Patients from Hoyerswerda can now book video visits.",
        "Free rides to Port Jeffreyborough for dialysis patients.",
        "The nearest sleep lab is in Sainte Olivier, about an hour away.",
        "We moved to Springfield last year.",
        "Sotos Sequence: Signs, Causes And When To Call Us",
        "Meet the whole family at our health fair.",
        "The Stones played at the hospital benefit.",
        "Our patient Portal has a new look.",
    ],
)
def test_towns_companies_and_condition_headlines_are_not_names(allow, text):
    assert name_findings(text, allow) == []


def test_world_first_names_come_from_the_installed_dictionary():
    from healthnotes.gate.privacy.words import world_first_names, world_name

    names_ = world_first_names()
    assert {"aoife", "wojciech", "thao", "tadhg", "bjarni"} <= names_
    assert world_name("Aoife") and world_name("Thảo")
    assert not world_name("Hope") and not world_name("Will")  # English words first


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("This week's question comes from T. Nakamura, who asked about leg cramps.", "T. Nakamura"),
        ("Our mailbag answer goes to P. Osei, who asked about dry eyes.", "P. Osei"),
        ("Reader K. Lindqvist wonders whether honey helps a cough.", "K. Lindqvist"),
    ],
)
def test_an_initial_and_a_surname_is_a_name(allow, text, name):
    assert name in name_findings(text, allow)


@pytest.mark.parametrize(
    "text",
    [
        "Take your vitamin D. Sunlight also helps.",  # the letter belongs to a term
        "Get your hepatitis B. Vaccines are free this month.",
    ],
)
def test_a_letter_ending_a_term_is_no_initial(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Today's question comes from B. Hart in the comments.", "B. Hart"),
        ("\u201cFriendly staff and no waiting!\u201d \u2013 K. Miller, Google review", "K. Miller"),
        ("Thanks to J. Smith for the lovely card.", "J. Smith"),
        ("J. Young wrote in to ask about flu shots.", "J. Young"),
    ],
)
def test_an_initial_and_a_census_surname_that_is_an_english_word_is_a_name(allow, text, name):
    """Miller, Hart, Smith and Young are English words too; after an initial, with a
    function word, a dash or nothing before it, they are surnames (US Census list)."""
    assert name in name_findings(text, allow)


@pytest.mark.parametrize(
    "text",
    [
        "Plan B. Call us first.",  # a capitalised word before the letter: a term
        "Group A. Strep tests take ten minutes.",
        "Take vitamin D. Wells water may carry bacteria.",
        "Get shots for hepatitis A and B. Wash your hands often.",  # a verb and its object
        "Vitamins A, C and E. Young children need less.",  # a list of letters
        "Hepatitis A, B. Young adults need both.",
        "Meet Dr. J. Smith, our new doctor.",  # a clinician
        "Reviewed by R. Patel, MD, our pharmacist.",
        "Take 2 tablets at 8 a.m. Call us if it hurts.",
    ],
)
def test_a_letter_before_a_surname_that_is_a_word_is_no_initial_without_a_cue(allow, text):
    assert not [name for name in name_findings(text, allow) if name[:2].endswith(".")]


def test_census_surnames_come_from_the_installed_package():
    from healthnotes.gate.privacy.words import census_surnames

    surnames = census_surnames()
    assert {"smith", "miller", "hart", "wells", "nguyen"} <= surnames
    assert "ask" not in surnames  # rank 88,344: below the kept ranks


def test_reader_before_an_initial_is_no_name(allow):
    assert name_findings("Reader K. Lindqvist wonders whether honey helps a cough.", allow) == [
        "K. Lindqvist"
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Why Lisa Fields Never Skips Her Flu Shot", "Lisa Fields"),
        ("Sabine Weber's Story: Living Well With Asthma", "Sabine Weber"),
    ],
)
def test_a_person_in_a_title_keeps_a_first_name_and_its_surname(allow, text, name):
    assert name_findings(text, allow) == [name]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("From The Mailbag: Oluwaseun Asks About Teething Gels", ["Oluwaseun"]),
        ("From The Mailbag: Edward Asks About Snoring", ["Edward"]),
        ("How Chidinma Beat Her Fear Of The Dentist", ["Chidinma"]),
        ("Why Megan Banks Never Misses Her Flu Shot", ["Megan Banks"]),
        ("Why Casey Hill Never Skips Her Yearly Checkup", ["Casey Hill"]),
    ],
)
def test_a_person_before_a_verb_of_a_story_in_a_title_is_found(allow, text, expected):
    assert name_findings(text, allow) == expected


@pytest.mark.parametrize(
    "text",
    [
        "How Tai Chi Keeps Seniors Steady",
        "How Grant Money Keeps Our Clinic Open",
        "How Dawn Light Keeps Your Clock On Time",
        "Why Tylenol Beats Aspirin For Kids' Fevers",
        "Why Medicaid Asks For Proof Of Income",
        "How The Mediterranean Diet Beat Heart Disease In Trials",
        "Alzheimer's Care At Home",
        "Women's Health Week: What To Know",
    ],
)
def test_things_before_a_verb_in_a_title_are_no_names(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A get-well card from jennifer walker is on the fridge.", "jennifer walker"),
        ("Meals for the family of maria lopez are being organised.", "maria lopez"),
        ("Caller: lisa baker, about her mother's refill", "lisa baker"),
    ],
)
def test_a_lower_case_first_name_keeps_a_surname_that_is_an_english_word(allow, text, name):
    assert name in name_findings(text, allow)


@pytest.mark.parametrize(
    "text",
    [
        "Try a cup of jasmine rice with the chicken.",  # English words used as names
        "Add a spoon of heather honey to warm water.",
        "Ask about crystal meth and heart damage.",
        "Wear shoes with lily pads in mind at the pond.",  # a plural is no surname
        "Care for carol singers with sore throats.",
        "Talk with frank honesty about your symptoms.",
    ],
)
def test_lower_case_words_after_a_name_like_word_are_no_names(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Our nurse visited the Woods at home after the surgery.", "Woods"),
        ("Our nurse checked on the Fields at home after the storm.", "Fields"),
    ],
)
def test_a_family_visited_at_home_is_a_name_even_when_a_common_plural(allow, text, name):
    assert name in name_findings(text, allow)


@pytest.mark.parametrize(
    "text",
    [
        "We thanked the Marines for the blood drive.",
        "The kids met the Eagles cheerleaders at the fair.",
        "We welcomed the Scouts to our flu clinic.",
        "The Woods at home are full of ticks in June.",
    ],
)
def test_groups_visited_or_woods_at_home_are_no_family(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a short sentence is not a heading because the name's own words are capitalised
        ("Both Marcus Wójcikowska and Dr. Lee ran the 10K on Saturday.", "Wójcikowska"),
        (
            "Submitted by: Hong Seojunwoo",
            "Hong Seojunwoo",
        ),  # a form label, a first name that is a word
        ("Account #5521 belongs to Hanna Lie.", "Hanna Lie"),  # a first name used in many languages
    ],
)
def test_names_in_short_lines_and_after_form_labels_are_found(allow, text, name):
    assert any(name in found for found in name_findings(text, allow))


@pytest.mark.parametrize(
    "text",
    [
        "Submitted by: Will Power",
        "Submitted by: Front Desk",
        "Thanks to Boise Rotary for the new scales.",
        "Water from Sierra Springs is fine to drink.",
    ],
)
def test_words_after_form_labels_and_prepositions_stay_words(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A Day With Hope Oyelaran-Adebayo, Dialysis Warrior", ["Hope Oyelaran-Adebayo"]),
        ("Back On The Trail With Summer Nwachukwuike", ["Summer Nwachukwuike"]),
    ],
)
def test_an_english_word_first_name_before_an_unknown_surname_in_a_title_is_found(
    allow, text, expected
):
    assert name_findings(text, allow) == expected


@pytest.mark.parametrize(
    "text", ["Summer, Hope And Healing After Cancer", "A Day With Hope At The Clinic"]
)
def test_english_word_first_names_alone_in_a_title_stay_words(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ana Mitt is a new patient of our sleep clinic.", "Ana Mitt"),
        ("Tom Wood, a longtime patient, says the new hours help.", "Tom Wood"),
        ("Greta Lund has been our patient since 1998.", "Greta Lund"),
    ],
)
def test_a_person_described_as_a_patient_is_a_name(allow, text, name):
    assert name in name_findings(text, allow)


@pytest.mark.parametrize(
    "text",
    [
        "Walgreens, a patient favorite, now opens at 7.",
        "MyChart is a patient portal you can use at home.",
        "Medicare is a patient benefit for people over 65.",
    ],
)
def test_places_and_products_described_for_patients_are_no_names(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Ship to Lovely Tshabalalakwe, 4410 Harbor View Drive, Bend, OR 97701",
            "Lovely Tshabalalakwe",
        ),
        ("Mail To Alike Zwelithinibe, 12 Birch Lane Apt. 3", "Alike Zwelithinibe"),
        ("Caller: Sunny Nkemdirimba", "Sunny Nkemdirimba"),
    ],
)
def test_an_addressee_or_caller_with_an_english_word_first_name_is_found(allow, text, name):
    assert name in name_findings(text, allow)


@pytest.mark.parametrize(
    "text",
    [
        "Send to Walgreens Pharmacy, 100 Main St.",
        "Mail it to Providence Medford, 1111 Crater Lake Ave.",
        "Return to Sender if not delivered.",
        "Mail to Billing Dept, PO Box 55, Eugene, OR 97401",
    ],
)
def test_pharmacies_and_hospitals_on_an_address_line_are_no_names(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hope told us the new inhaler finally works.", "Hope"),
        ("Patience, 94, still walks to the market every morning.", "Patience"),
        ("Happy birthday, Summer! Enjoy your day.", "Summer"),
        ("When Hugh was diagnosed, his daughter drove him to every visit.", "Hugh"),
        ("Charity and her husband came in for flu shots.", "Charity"),
        ("We heard from Hope Mbeki again this morning.", "Hope Mbeki"),
    ],
)
def test_a_first_name_that_is_an_english_word_is_found_where_only_a_person_fits(allow, text, name):
    assert name in name_findings(text, allow)


@pytest.mark.parametrize(
    "text",
    [
        "Happy birthday, America!",
        "Welcome back, Spring! Allergy season is here.",
        "Summer's heart-healthy recipes are here.",
        "Spring's asthma triggers include pollen.",
        "Patience is key when a toddler has a fever.",
        "Hope is not a plan, but it helps.",
        "Happy birthday, Dr. Rose!",  # a clinician
    ],
)
def test_english_words_and_places_greeted_or_possessed_are_no_names(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A Question From Aroha About Sleep", "Aroha"),
        ("Question From Tevita: Is Honey Safe For Babies?", "Tevita"),
        ("Meet Kwame Asante, Our Oldest Walker", "Kwame Asante"),
        ("Karen's Question About Flu Shots", "Karen"),  # a frequent name, no English word
        ("Ngozi's Story: Life After A Stroke", "Ngozi"),
        ("Ask The Nurse: Mele Wants To Know About Gout", "Mele"),
    ],
)
def test_a_single_rare_first_name_in_a_title_is_found(allow, text, name):
    assert name in name_findings(text, allow)


@pytest.mark.parametrize(
    "text",
    [
        "Meet The Team Behind Your Care",
        "Letter From Kyiv: Care In Wartime",
        "Lessons From Okinawa: Living Past 100",
        "Tips From Harvard On Sleep",
        "Advice From The CDC On Measles",
        "Congratulations, Graduates!",
        "A Question From Dawn About Sleep",  # an English word alone: ambiguous in a title
    ],
)
def test_places_and_words_after_title_cues_are_no_names(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Thank you for everything.\nBest wishes,\nSiobhan", "Siobhan"),
        ("We are so grateful for your care. Love, Hope", "Hope"),
        ("\u201cThe nurses were wonderful.\u201d \u2014 Dawn, Springfield", "Dawn"),
    ],
)
def test_a_letter_or_testimonial_is_signed_by_a_person(allow, text, name):
    assert name in name_findings(text, allow)


@pytest.mark.parametrize(
    "text", ["See you at the fair!\nThanks again,\nEveryone", "Cheers, Team", "Best, Management"]
)
def test_a_sign_off_to_a_group_names_nobody(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("shoutout to justin for crushing her first 5K after knee surgery!!", "justin"),
        ("Hey arthur, saw your comment! Yes, the inhaler counts.", "arthur"),
        ("Email it like esther did and we may answer it next week.", "esther"),
        ("Gracias a Carmela por compartir su historia.", "Carmela"),
        ("Intake form attached: Name: ekansh sachdeva | Phone: 831-6684", "ekansh sachdeva"),
    ],
)
def test_a_lower_case_first_name_alone_is_found_where_only_a_person_fits(allow, text, name):
    assert name in name_findings(text, allow)


@pytest.mark.parametrize(
    "text",
    [
        "Hey everyone, flu shots are in!",
        "Hi all! Thanks to everyone who came.",
        "Shout out to our nurses for a great week.",
        "Do it like we did last year.",
        "hey mom, did you book the shot?",
        "Dear diary, today was long.",
    ],
)
def test_greetings_and_shout_outs_to_no_one_in_particular_are_no_names(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    "text",
    [
        "Kids 12 and up can get screened at our Montemilone clinic.",
        "We made 300 care packages for Zossen seniors.",
        "Get the discount at our Strugas partner pharmacy.",
        "Please call us and ask for Jordan.",
        "Staff Spotlight: Ana has been with us since 2009.",
    ],
)
def test_a_place_before_its_facility_and_staff_asked_for_are_no_patients(allow, text):
    assert name_findings(text, allow) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Please call us and ask for Maria.", "Maria"),
        ("Staff Spotlight: Maria Gonzalez has been with us since 2009.", "Maria Gonzalez"),
        ("Our patient Ruth Okoro drove to the clinic herself.", "Ruth Okoro"),
    ],
)
def test_someone_not_on_staff_is_still_found_beside_those_cues(allow, text, name):
    assert name in name_findings(text, allow)


def test_an_initial_and_a_surname_after_a_reporting_verb_is_a_name(allow):
    text = "\u201cDon't wait like I did,\u201d says L. Price, who ignored chest pain for weeks."
    assert name_findings(text, allow) == ["L. Price"]


def test_two_rare_words_are_a_name_when_the_model_takes_only_the_first_for_a_place(allow):
    assert name_findings("Yowri Kondakhchyan grows tomatoes the size of softballs.", allow) == [
        "Yowri Kondakhchyan"
    ]
    assert name_findings("Addis Ababa is lovely in spring.", allow) == []


def test_a_name_before_who_is_a_person_without_a_comma(allow):
    text = "Our flu clinic recap: 214 shots, and one very brave Willow who went first."
    assert name_findings(text, allow) == ["Willow"]


@pytest.mark.parametrize(
    "text",
    [
        "Anyone in Oregon who gets sick should stay home.",
        "Medicare members who qualify can get a free visit.",
        "Patients on Ozempic who feel sick should call us.",
        "Parents in Springfield who want a flu shot can walk in.",
        "Thank you to everyone at Kaiser who helped.",
    ],
)
def test_places_programmes_and_drugs_before_who_are_no_names(allow, text):
    assert name_findings(text, allow) == []


def test_a_chart_line_pasted_into_a_post_is_a_name(allow):
    text = "Ngaruiya, Idris / SSN 410-24-1148 / Rx Zyrtec 10 mg, refill x3"
    assert name_findings(text, allow) == ["Ngaruiya, Idris"]


@pytest.mark.parametrize(
    "text",
    [
        "Congrats to our raffle winner from New Mandy!",
        "Mailbag question from South Ellie: is it safe to drive at 85?",
        "Portland, Maine / Boston / Seattle are on the tour.",
        "Nuestra paciente cumplió 80 años este mes. ¡Felicidades!",
        "Our Nextdoor neighbors asked us to share this tip.",
    ],
)
def test_towns_spanish_cheers_and_platforms_are_no_names(allow, text):
    assert name_findings(text, allow) == []
