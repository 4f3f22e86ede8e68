//! Health-literacy checks in `check`: reading level, contrast, review dates, translation parity.

mod util;

use serde_json::Value;
use util::{repo, Project};

/// 2026-01-01 00:00 UTC: "today" for every test that depends on the date.
const TODAY: (&str, &str) = ("HANDOUT_TODAY", "2026-01-01");

/// Reference grades from textstat 0.7.4 (pyphen 0.18.1), unrounded:
/// (name, Flesch-Kincaid, SMOG).
///
/// textstat was given the text `check` measures (see `src/health/text.rs`):
/// paragraphs and list, callout and timeline items, markup removed, white space
/// collapsed, a full stop added to any that lacks an end mark, joined with
/// spaces; no titles, headings, labels or contacts. Computed once with
/// `/tmp/ts/bin/python` and this script:
///
/// ```python
/// import re, sys, tomllib, textstat
/// textstat.set_rounding(False)  # the default rounds words per sentence and
///                               # syllables per word to 0.1 first, which alone
///                               # moves Flesch-Kincaid by up to 0.6 grade
/// def sentence(t):
///     t = " ".join(t.replace("**", "").replace("*", "").split())
///     return t if not t or t.rstrip("\"'”’»)]").endswith((".", "!", "?")) else t + "."
/// def units(path):
///     out = []
///     for b in tomllib.load(open(path, "rb")).get("block", []):
///         if b["type"] == "text": out += re.split(r"\n\s*\n", b["text"])
///         elif b["type"] in ("bullets", "steps", "checklist"): out += b["items"]
///         elif b["type"] == "callout":
///             out += re.split(r"\n\s*\n", b.get("text", "")) + b.get("items", [])
///         elif b["type"] == "timeline":
///             for p in b["phase"]: out += p.get("items", [])
///     return [s for s in map(sentence, out) if s]
/// for path in sys.argv[1:]:
///     text = " ".join(units(path))
///     print(path, textstat.flesch_kincaid_grade(text), textstat.smog_index(text))
/// ```
const TEXTSTAT: [(&str, f64, f64); 13] = [
    ("family-guide", 3.2066, 6.8762),
    ("today-checklist", 2.4446, 6.6916),
    ("withdrawal-timeline", 3.1450, 6.4274),
    ("naloxone", 3.3318, 5.8734),
    ("buprenorphine", 9.2724, 11.2081),
    ("alcohol", 17.2758, 18.3971),
    ("sleep", 3.7923, 5.5650),
    ("consent", 16.7034, 17.8054),
    ("hepatitis", 7.9238, 10.5042),
    ("cravings", 2.8348, 5.2151),
    ("privacy", 14.7725, 16.4394),
    ("first-visit", 4.0196, 7.6863),
    ("stress", 8.0179, 11.2081),
];

/// Passages textstat and `check` disagree on, and why: pyphen has no break in
/// "medicine(s)" and so counts one syllable where there are three.
/// (name, Flesch-Kincaid, SMOG, syllables, polysyllables, times "medicine(s)" occurs)
const TEXTSTAT_MEDICINE: [(&str, f64, f64, u64, u64, u64); 2] = [
    ("storage", 2.7751, 4.8516, 159, 1, 4),
    ("fentanyl", 2.5475, 5.3698, 167, 2, 1),
];

const NALOXONE: &str = "\
Naloxone can save a life during an opioid overdose. It is a nasal spray that anyone can use.
You do not need training to give it. Signs of an overdose include slow or stopped breathing,
blue lips, and a person who will not wake up. If you see these signs, call 911 first. Then
spray one dose into one nostril. If the person does not wake up in two to three minutes,
give a second dose in the other nostril. Stay with the person until help arrives. Lay them
on their side so they do not choke. Naloxone wears off in 30 to 90 minutes, so the overdose
can come back. That is why the person still needs to see a doctor, even if they feel fine.
You can get naloxone at most pharmacies without a prescription. Keep it where you can find
it fast, and tell your family where it is.";

const BUPRENORPHINE: &str = "\
Buprenorphine is a medication that reduces withdrawal symptoms and cravings for opioids,
including kratom. It is usually taken as a film or tablet that dissolves under the tongue.
Your prescriber will ask you to wait until you are in mild to moderate withdrawal before the
first dose; starting too early can cause precipitated withdrawal, which feels sudden and
severe. Place the film under your tongue and let it dissolve completely, which usually takes
five to ten minutes. Do not chew or swallow it, because the medication is absorbed through
the lining of the mouth. Avoid eating, drinking, or talking until it has fully dissolved.
Common side effects include constipation, headache, nausea, and trouble sleeping. Combining
buprenorphine with alcohol, benzodiazepines, or other sedatives can dangerously slow your
breathing. Store your medication in a locked cabinet, away from children and visitors. If a
child swallows even a small piece, call Poison Control at 1-800-222-1222 immediately.";

const ALCOHOL: &str = "\
Alcohol withdrawal syndrome occurs when a person who has been drinking heavily for weeks,
months, or years abruptly stops or significantly reduces their consumption. Symptoms
typically begin six to twenty-four hours after the last drink and may include tremor,
anxiety, sweating, elevated heart rate, and insomnia. In severe cases, individuals may
experience hallucinations, generalized seizures, or delirium tremens, a potentially fatal
condition characterized by confusion, agitation, fever, and cardiovascular instability.
Because complications can develop unpredictably, medically supervised detoxification is
strongly recommended for anyone with a history of heavy, prolonged drinking. Clinicians
frequently administer benzodiazepines according to a symptom-triggered protocol, adjusting
the dosage as the patient's condition evolves. Thiamine supplementation is also essential,
since chronic alcohol use depletes this vitamin and increases the risk of Wernicke
encephalopathy. After the acute phase resolves, continuing treatment with counseling and
medications such as naltrexone or acamprosate substantially improves long-term outcomes.";

const SLEEP: &str = "\
Sleep is often hard in early recovery. This is normal, and it gets better with time. Try to
go to bed and get up at the same time every day, even on weekends. Keep your bedroom cool,
dark, and quiet. Put your phone away at least an hour before bed, because the light can keep
you awake. Avoid coffee, tea, and soda after lunch. A short walk in the morning sun can help
your body know when it is time to sleep. If you cannot fall asleep after twenty minutes, get
up and do something calm, like reading, until you feel tired. Do not use alcohol or sleeping
pills to fall asleep unless your doctor says it is safe. Write down worries in a notebook so
they do not keep you up. Tell your care team if poor sleep lasts more than a few weeks.";

const CONSENT: &str = "\
By signing this form, you acknowledge that the nature, purpose, and anticipated benefits of
the proposed treatment, as well as its reasonably foreseeable risks and alternatives, have
been explained to your satisfaction. Participation is entirely voluntary, and you may
withdraw your consent at any time without jeopardizing your eligibility for other services
provided by this organization. Information disclosed during treatment is confidential and
protected under federal regulations governing substance use disorder records, except where
disclosure is required by law, such as in circumstances involving imminent danger to
yourself or others, or suspected abuse of a minor. You further understand that no guarantee
has been made regarding the outcome of treatment. Questions concerning this authorization,
or requests to revoke it, should be directed in writing to the program administrator.";

const STORAGE: &str = "\
Keep all medicines in a safe place. A locked box or cabinet is best. Store them up high, out
of sight and out of reach of children and pets. Always put the cap back on tight after each
use. Keep medicines in the bottle they came in, with the label on it, so no one takes the
wrong one. Do not share your medicine with anyone, even if they have the same symptoms.
Count your pills from time to time, and notice if any are missing. When you no longer need a
medicine, get rid of it safely. Many drug stores and police stations have take-back boxes.
You can find one near you at www.dea.gov. If there is no take-back site, mix the pills with
coffee grounds or cat litter in a sealed bag and put it in the trash.";

const HEPATITIS: &str = "\
Hepatitis C is a virus that infects the liver. It spreads mainly through contact with
infected blood, most often by sharing needles, syringes, or other equipment used to prepare
and inject drugs. Less commonly, it can spread through unregulated tattoos, shared razors or
toothbrushes, or from a mother to her baby during birth. Many people with hepatitis C have
no symptoms for years, so testing is the only reliable way to know. Over time, untreated
infection can cause serious liver damage, including cirrhosis and liver cancer. The good
news is that modern antiviral medicines cure more than ninety-five percent of people in
eight to twelve weeks. Treatment usually means one pill a day, with few side effects. You
can get tested and treated even if you are still using drugs. Ask your care team about a
simple blood test today.";

const CRAVINGS: &str = "\
Cravings are strong urges to use. They are a normal part of recovery, and they do pass. Most
cravings peak and fade within about fifteen to thirty minutes. Knowing this can help you
ride them out. When a craving hits, try to delay. Tell yourself you will wait ten minutes
before you decide anything. Then do something else. Call a friend, take a walk, drink a
glass of water, or take a shower. Some people find it helps to name the feeling out loud.
Say, \"This is a craving, and it will pass.\" Think about what set off the craving. Was it a
place, a person, a smell, or a feeling like stress or boredom? Write it down. Over time, you
will learn your triggers and how to avoid or handle them. Each time you get through a
craving without using, it gets a little easier.";

const PRIVACY: &str = "\
This notice describes how medical information about you may be used and disclosed and how
you can obtain access to this information. Please review it carefully. We are required by
law to maintain the privacy of protected health information and to provide you with notice
of our legal duties and privacy practices. Federal confidentiality rules for substance use
disorder treatment records impose additional restrictions on disclosure beyond those that
apply to other medical records. Generally, we may not acknowledge to anyone outside the
program that you attend the program, or disclose any information identifying you as having a
substance use disorder, unless you consent in writing, the disclosure is permitted by a
court order, or the disclosure is made to medical personnel in a medical emergency.
Violation of these regulations is a crime, and suspected violations may be reported to the
appropriate authorities. You have the right to request restrictions on certain uses and
disclosures, to receive confidential communications, and to inspect and obtain a copy of
your records.";

const FENTANYL: &str = "\
Fentanyl is a very strong opioid. It is now mixed into many street drugs, including pills
that look like real medicine. You cannot see, smell, or taste it. Even a tiny amount can
cause an overdose. Test strips can show if fentanyl is in a drug before you use it. To use a
strip, put a small amount of the drug in a clean cup and add water. Dip the wavy end of the
strip in the water for about fifteen seconds. Lay it flat and wait five minutes. One line
means fentanyl was found. Two lines means it was not found, but the drug may still not be
safe. Never use alone. If you do use, go slow, start with a small amount, and keep naloxone
close by. For free test strips and naloxone, call us at 804-555-0100 or visit
riverbend.example.org.";

const FIRST_VISIT: &str = "\
Your first visit will take about two hours. Please come fifteen minutes early so there is
time to fill out forms. Bring a photo ID, your insurance card, and a list of everything you
take, including vitamins and herbal products. A nurse will check your blood pressure and ask
about your health history. You will also meet with a counselor, who will ask about your use
of kratom and other substances. Be as honest as you can. We are not here to judge you, and
what you tell us stays private. The answers help us choose the safest plan for you. You are
welcome to bring a family member or friend for support. At the end of the visit, we will
talk about next steps and set up your next appointment. If you need to cancel, please call
us at least one day ahead.";

const STRESS: &str = "\
Stress is a common trigger for relapse, so learning to manage it is an important part of
recovery. When you notice tension building, pause and take several slow breaths, breathing
in through your nose and out through your mouth. Physical activity, even a brisk ten-minute
walk, lowers stress hormones and improves mood. Regular meals and enough sleep make it
easier to cope with difficult days. Many people find that writing in a journal helps them
understand what causes their stress and how they usually respond. Try to identify situations
you can change and accept the ones you cannot. Reaching out to supportive friends, family
members, or a recovery group can make problems feel more manageable. If stress becomes
overwhelming, or if you feel hopeless, talk with your counselor right away. Professional
support is available, and asking for help is a sign of strength.";

fn passage(name: &str) -> &'static str {
    match name {
        "naloxone" => NALOXONE,
        "buprenorphine" => BUPRENORPHINE,
        "alcohol" => ALCOHOL,
        "sleep" => SLEEP,
        "consent" => CONSENT,
        "storage" => STORAGE,
        "hepatitis" => HEPATITIS,
        "cravings" => CRAVINGS,
        "privacy" => PRIVACY,
        "fentanyl" => FENTANYL,
        "first-visit" => FIRST_VISIT,
        "stress" => STRESS,
        _ => panic!("no passage {name}"),
    }
}

/// A handout of one text block.
fn text_handout(title: &str, text: &str) -> String {
    format!("[handout]\ntitle = \"{title}\"\n\n[[block]]\ntype = \"text\"\ntext = \"\"\"\n{text}\n\"\"\"\n")
}

fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}:\n{stdout}"))
}

/// The input whose file stem is `stem`.
fn input<'a>(manifest: &'a Value, stem: &str) -> &'a Value {
    manifest["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| {
            std::path::Path::new(i["input"].as_str().unwrap())
                .file_stem()
                .is_some_and(|s| s == stem)
        })
        .unwrap_or_else(|| panic!("no input {stem}"))
}

/// The reading level numbers of the input whose file stem is `stem`.
fn reading<'a>(manifest: &'a Value, stem: &str) -> &'a Value {
    &input(manifest, stem)["health"]["reading"]
}

fn number(value: &Value) -> f64 {
    value
        .as_f64()
        .unwrap_or_else(|| panic!("not a number: {value}"))
}

/// Runs `check --json` on the English templates and the passages.
fn check_english_texts(names: &[&str]) -> Value {
    let project = Project::new();
    let mut args = vec!["check".to_string(), "--json".to_string()];
    for name in names {
        let template = repo(&format!("templates/{name}.toml"));
        if template.is_file() {
            args.push(template.display().to_string());
        } else {
            project.file(&format!("{name}.toml"), &text_handout(name, passage(name)));
            args.push(format!("{name}.toml"));
        }
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = project.run_env(&args, &[TODAY]);
    json(&run.stdout)
}

#[test]
fn english_grades_agree_with_textstat_within_half_a_grade() {
    let names: Vec<&str> = TEXTSTAT.iter().map(|(n, ..)| *n).collect();
    let manifest = check_english_texts(&names);
    let mut report = String::new();
    let mut worst: f64 = 0.0;
    for (name, fk, smog) in TEXTSTAT {
        let ours = reading(&manifest, name);
        let our_fk = number(&ours["flesch_kincaid"]);
        let our_smog = number(&ours["smog"]);
        worst = worst.max((our_fk - fk).abs()).max((our_smog - smog).abs());
        report.push_str(&format!(
            "{name:20} FK {our_fk:6.2} textstat {fk:6.2}   SMOG {our_smog:6.2} textstat {smog:6.2}\n"
        ));
    }
    eprintln!("{report}largest difference {worst:.2}");
    assert!(worst <= 0.5, "largest difference {worst:.2}:\n{report}");
}

#[test]
fn medicine_is_three_syllables_where_textstat_counts_one() {
    let names: Vec<&str> = TEXTSTAT_MEDICINE.iter().map(|(n, ..)| *n).collect();
    let manifest = check_english_texts(&names);
    for (name, fk, smog, syllables, polysyllables, medicine) in TEXTSTAT_MEDICINE {
        let ours = reading(&manifest, name);
        // Every syllable and long word more than textstat's is a "medicine".
        assert_eq!(
            ours["syllables"].as_u64(),
            Some(syllables + 2 * medicine),
            "{name}"
        );
        assert_eq!(
            ours["polysyllables"].as_u64(),
            Some(polysyllables + medicine),
            "{name}"
        );
        // So the grades are higher, but Flesch-Kincaid not by much.
        let our_fk = number(&ours["flesch_kincaid"]);
        assert!(our_fk > fk && our_fk - fk < 0.7, "{name}: {our_fk} vs {fk}");
        assert!(number(&ours["smog"]) > smog, "{name}");
    }
}

#[test]
fn bundled_templates_read_at_grade_8_or_below() {
    let project = Project::bare();
    let templates = repo("templates");
    let run = project.run_env(&["check", templates.to_str().unwrap(), "--json"], &[TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("reads at grade"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("words; sentences over"),
        "{}",
        run.stderr
    );
    let manifest = json(&run.stdout);
    let mut handouts = 0;
    for input in manifest["inputs"].as_array().unwrap() {
        let Some(reading) = input["health"].get("reading") else {
            continue;
        };
        handouts += 1;
        let grade = number(&reading["grade"]);
        assert!(grade <= 8.0, "{}: grade {grade}", input["input"]);
        for section in reading["sections"].as_array().unwrap() {
            let grade = number(&section["grade"]);
            assert!(grade <= 8.0, "{}: {section}", input["input"]);
        }
        assert!(input["reviewed"].is_string() && input["next_review"].is_string());
    }
    assert!(handouts >= 3, "{handouts} handouts");
}

#[test]
fn a_pale_accent_is_an_error_with_a_darker_colour_that_passes() {
    let project = Project::bare();
    project.file("brand.toml", &util::BRAND.replace("#1F6F78", "#9AD0D6"));
    project.file(
        "a.toml",
        &text_handout("Short Sheet", "Call us any time. We are here to help."),
    );
    let run = project.run_env(&["check", "a.toml"], &[TODAY]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let expected = "\
brand.toml:5:10: error: the accent colour #9AD0D6 has a contrast of 1.61:1 for accent titles on the info callout's tint (1.69:1 on white); text needs at least 4.5:1
   |
 5 | accent = \"#9AD0D6\"
   |          ^^^^^^^^^
  hint: a darker colour of the same hue passes everywhere the accent is used: accent = \"#33777F\" (4.50:1 for accent titles on the info callout's tint)
";
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    // The suggestion passes.
    project.file("brand.toml", &util::BRAND.replace("#1F6F78", "#33777F"));
    let run = project.run_env(&["check", "a.toml"], &[TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("contrast"), "{}", run.stderr);
}

#[test]
fn a_brand_used_by_many_handouts_reports_its_contrast_once() {
    let project = Project::bare();
    project.file("brand.toml", &util::BRAND.replace("#1F6F78", "#9AD0D6"));
    project.file("a.toml", &text_handout("A", "Call us any time."));
    project.file("b.toml", &text_handout("B", "Call us any time."));
    let run = project.run_env(&["check", "."], &[TODAY]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("the accent colour #9AD0D6").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("checked 3 files: 2 with errors"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_overdue_review_names_the_file_the_place_and_the_date() {
    let project = Project::new();
    project.file(
        "a.toml",
        "[handout]\ntitle = \"Short Sheet\"\nreviewed = \"2024-06-01\"\nnext_review = 2025-06-01\n\n[[block]]\ntype = \"text\"\ntext = \"Call us any time.\"\n",
    );
    let run = project.run_env(&["check", "a.toml", "--json"], &[TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = "\
a.toml:4:15: warning: the review date 2025-06-01 (`next_review`) has passed
   |
 4 | next_review = 2025-06-01
   |               ^^^^^^^^^^
  hint: have the text reviewed, then update `reviewed` and `next_review`
";
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    let manifest = json(&run.stdout);
    let input = &manifest["inputs"][0];
    assert_eq!(input["reviewed"], "2024-06-01");
    assert_eq!(input["next_review"], "2025-06-01");
    assert_eq!(input["health"]["review"], "overdue");
    assert_eq!(input["warnings"][0]["line"], 4);
    assert_eq!(input["warnings"][0]["column"], 15);
}

const ORIGINAL: &str = r#"[handout]
title = "Kratom Withdrawal"

[[block]]
type = "text"
text = "Withdrawal often starts 12 to 48 hours after the last dose."

[[block]]
type = "bullets"
items = ["Aches", "Sweats and chills", "Upset stomach", "Poor sleep"]

[[block]]
type = "contacts"
items = [{ label = "SAMHSA National Helpline", value = "1-800-662-4357" }]
"#;

const TRANSLATION: &str = r#"[handout]
title = "La abstinencia del kratom"
lang = "es"
translation_of = "../guide.toml"

[[block]]
type = "text"
text = "La abstinencia suele empezar de 12 a 48 horas después de la última dosis."

[[block]]
type = "bullets"
items = ["Dolores", "Sudores y escalofríos", "Malestar de estómago"]

[[block]]
type = "contacts"
items = [{ label = "Línea Nacional de Ayuda de SAMHSA", value = "1-800-662-4358" }]
"#;

#[test]
fn a_translation_with_a_changed_phone_and_a_dropped_item_gets_two_warnings() {
    let project = Project::new();
    project.file("guide.toml", ORIGINAL);
    project.file("es/guide.toml", TRANSLATION);
    let run = project.run_env(&["check", "es/guide.toml"], &[TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = "\
es/guide.toml:11:8: warning: this bullets block has 3 items; the original's has 4 (guide.toml:9)
    |
 11 | type = \"bullets\"
    |        ^^^^^^^^^
  hint: translate every item of the original, in order

es/guide.toml:16:66: warning: the phone number 1-800-662-4358 differs from the original's 1-800-662-4357 (guide.toml:14)
    |
 16 | items = [{ label = \"Línea Nacional de Ayuda de SAMHSA\", value = \"1-800-662-4358\" }]
    |                                                                  ^^^^^^^^^^^^^^
  hint: phone numbers, addresses and numbers are copied from the original as they are

checked 1 file: 0 with errors; 0 errors, 2 warnings
";
    assert_eq!(run.stderr, expected);
}

#[test]
fn a_translation_of_a_missing_file_says_so() {
    let project = Project::new();
    project.file("es/guide.toml", TRANSLATION);
    let run = project.run_env(&["check", "es/guide.toml"], &[TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "es/guide.toml:4:18: warning: the original \"guide.toml\" does not exist, so the translation is not compared with it"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn reading_grade_makes_hard_text_an_error() {
    let project = Project::new();
    let hard = text_handout("Consent", CONSENT);
    project.file("default.toml", &hard);
    project.file(
        "strict.toml",
        &hard.replace(
            "title = \"Consent\"",
            "title = \"Consent\"\nreading_grade = 10",
        ),
    );
    // Without `reading_grade`, grade 8 is the limit and going over it a warning.
    let run = project.run_env(&["check", "default.toml"], &[TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = "\
default.toml:2:9: warning: this handout reads at grade 17.0 (Flesch-Kincaid 17.0; SMOG 18.0 on fewer than 30 sentences), above grade 8
   |
 2 | title = \"Consent\"
   |         ^^^^^^^^^
  hint: handouts should read at grade 8 or below; use shorter sentences and everyday words, or set `reading_grade` in [handout]
";
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    // With it, going over is an error.
    let run = project.run_env(&["check", "strict.toml"], &[TODAY]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "strict.toml:2:9: error: this handout reads at grade 17.0 (Flesch-Kincaid 17.0; SMOG 18.0 on fewer than 30 sentences), above grade 10"
        ),
        "{}",
        run.stderr
    );
    // An easy text passes a strict limit.
    project.file(
        "easy.toml",
        &text_handout("Sleep", SLEEP)
            .replace("title = \"Sleep\"", "title = \"Sleep\"\nreading_grade = 5"),
    );
    let run = project.run_env(&["check", "easy.toml"], &[TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_section_above_the_limit_is_named_at_its_heading() {
    let project = Project::new();
    let mut handout = String::from("[handout]\ntitle = \"Two Parts\"\nreading_grade = 8\n");
    for (heading, text) in [("Sleep", SLEEP), ("Your rights", PRIVACY)] {
        handout.push_str(&format!(
            "\n[[block]]\ntype = \"heading\"\ntext = \"{heading}\"\n\n[[block]]\ntype = \"text\"\ntext = \"\"\"\n{text}\n\"\"\"\n"
        ));
    }
    project.file("a.toml", &handout);
    let run = project.run_env(&["check", "a.toml"], &[TODAY]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("a.toml:24:8: error: the section \"Your rights\" reads at grade 14.9"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("\"Sleep\" reads"), "{}", run.stderr);
}

#[test]
fn long_sentences_are_flagged_where_they_start() {
    let project = Project::new();
    project.file(
        "a.toml",
        r#"[handout]
title = "Long"

[[block]]
type = "bullets"
items = [
  "Short item.",
  "**First:** if you or someone you love has been using kratom every day for a long time and now wants to stop, talk with a doctor before stopping all at once.",
]
"#,
    );
    let run = project.run_env(&["check", "a.toml"], &[TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = "\
a.toml:8:6: warning: this sentence has 31 words; sentences over 25 words are hard to follow
   |
 8 |   \"**First:** if you or someone you love has been using kratom every day for a long time and now wants to stop, talk with a doctor before stopping all at once.\",
   |      ^
  hint: split it into two or more sentences
";
    assert!(run.stderr.contains(expected), "{}", run.stderr);
}

#[test]
fn report_prints_a_table_and_json_carries_the_same_numbers() {
    let project = Project::new();
    project.file(
        "a.toml",
        &format!(
            "[handout]\ntitle = \"Sleep\"\nnext_review = \"2027-01-01\"\n\n[[block]]\ntype = \"heading\"\ntext = \"Sleep\"\n\n[[block]]\ntype = \"text\"\ntext = \"\"\"\n{SLEEP}\n\"\"\"\n\n[[block]]\ntype = \"heading\"\ntext = \"Cravings\"\n\n[[block]]\ntype = \"text\"\ntext = \"\"\"\n{CRAVINGS}\n\"\"\"\n"
        ),
    );
    let run = project.run_env(&["check", "a.toml", "--report"], &[TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let table = &run.stdout;
    for row in [
        "a.toml\n",
        "  reading grade     3.3 (Flesch-Kincaid 3.3; SMOG 5.4 on fewer than 30 sentences), limit 8 (default)\n",
        "  longest sentence  20 words, line 16\n",
        "  lowest contrast   5.08:1 (accent titles on the info callout's tint)\n",
        "  review            next review 2027-01-01\n",
        "    Sleep                                grade   3.8   145 words\n",
        "    Cravings                             grade   2.9   146 words\n",
    ] {
        assert!(table.contains(row), "{row:?} not in\n{table}");
    }
    let run = project.run_env(&["check", "a.toml", "--report", "--json"], &[TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // With --json the table goes to stderr and stdout stays JSON.
    assert!(
        run.stderr.contains("  lowest contrast   5.08:1"),
        "{}",
        run.stderr
    );
    let manifest = json(&run.stdout);
    let health = &manifest["inputs"][0]["health"];
    assert_eq!(health["reading"]["limit"], 8);
    assert_eq!(health["reading"]["longest_sentence"]["words"], 20);
    assert_eq!(health["reading"]["longest_sentence"]["line"], 16);
    assert_eq!(health["reading"]["sections"][1]["heading"], "Cravings");
    assert_eq!(health["lowest_contrast"]["ratio"], 5.08);
    assert_eq!(health["review"], "ok");
    assert_eq!(manifest["inputs"][0]["next_review"], "2027-01-01");
}

#[test]
fn spanish_is_measured_with_fernandez_huerta() {
    let project = Project::new();
    project.file(
        "a.toml",
        r#"[handout]
title = "Dormir"
lang = "es"

[[block]]
type = "text"
text = """
Dormir bien cuesta al principio de la recuperación. Es normal y mejora con el tiempo.
Acuéstese y levántese a la misma hora todos los días. Evite el café después del almuerzo.
"""
"#,
    );
    let run = project.run_env(&["check", "a.toml", "--json"], &[TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let manifest = json(&run.stdout);
    let reading = &manifest["inputs"][0]["health"]["reading"];
    assert!(reading["flesch_kincaid"].is_null());
    let ease = number(&reading["fernandez_huerta"]);
    assert!((60.0..100.0).contains(&ease), "{ease}");
    assert!(number(&reading["grade"]) <= 8.0, "{reading}");
}
