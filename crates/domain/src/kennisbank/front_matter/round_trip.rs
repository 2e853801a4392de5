//! `write` then `parse` gives back what was written: over generated
//! content full of characters YAML cares about, and over the real files.

use super::*;

struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }

    fn text(&mut self, max_words: usize) -> String {
        const PIECES: [&str; 24] = [
            "huur",
            "één",
            "'s-Hertogenbosch",
            "\"quote\"",
            ":",
            ": ",
            " #",
            "#",
            "[",
            "]",
            ",",
            "- ",
            "-",
            "yes",
            "2027",
            "\\",
            "'",
            "&",
            "  ",
            "coöperatie",
            "{",
            "?",
            "null",
            "é",
        ];
        let words = 1 + self.below(max_words);
        (0..words)
            .map(|_| PIECES[self.below(PIECES.len())])
            .collect::<Vec<_>>()
            .join(if self.below(2) == 0 { " " } else { "" })
    }

    fn maybe(&mut self, max_words: usize) -> Option<String> {
        (self.below(3) > 0).then(|| self.text(max_words))
    }

    fn subset<T: Copy>(&mut self, all: &[T]) -> Vec<T> {
        all.iter().copied().filter(|_| self.below(3) == 0).collect()
    }
}

fn generated(rng: &mut Lcg) -> PracticeFile {
    let body_lines = 1 + rng.below(6);
    let body = (0..body_lines)
        .map(|_| match rng.below(4) {
            0 => "---".to_string(),
            1 => String::new(),
            _ => rng.text(12),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let content = PracticeContent {
        title: rng.text(8),
        summary: rng.text(20),
        body_md: format!("x{body}"),
        phases: rng.subset(&Phase::ALL),
        actors: rng.subset(&ActorKind::ALL),
        region: rng.maybe(3),
        organisation: rng.maybe(4),
        contact: rng.maybe(2),
        review_by: (rng.below(2) == 0)
            .then(|| NaiveDate::from_ymd_opt(2026 + rng.below(3) as i32, 2, 28))
            .flatten(),
        ..PracticeContent::default()
    };
    let slug = match rng.below(2) {
        0 => Slug::from_title(&content.title).ok(),
        _ => None,
    };
    PracticeFile { slug, content }
}

#[test]
fn generated_content_round_trips() {
    let mut rng = Lcg(2026);
    let mut checked = 0;
    for round in 0..2_000 {
        let file = generated(&mut rng);
        // Only content the app would accept is ever written.
        let Ok(content) = file.content.clone().validate() else {
            continue;
        };
        let file = PracticeFile { content, ..file };
        let text = write(&file);
        match parse(&text) {
            Ok(back) => assert_eq!(back, file, "round {round}:\n{text}"),
            Err(errors) => panic!("round {round}: {errors}\n{text}"),
        }
        checked += 1;
    }
    assert!(checked > 500, "only {checked} generated files were valid");
}

#[test]
fn the_real_files_parse_and_round_trip() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/kennisbank");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("content/kennisbank") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".md") || name == "README.md" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let file = parse(&text).unwrap_or_else(|e| panic!("{name}:\n{e}"));
        let slug = file.slug.as_ref().map(Slug::as_str);
        assert_eq!(slug, name.strip_suffix(".md"), "{name}: slug = file name");
        assert!(file.content.review_by.is_some(), "{name}");
        let again = parse(&write(&file)).unwrap_or_else(|e| panic!("{name} written:\n{e}"));
        assert_eq!(again, file, "{name}");
        // Writing what was read is stable: a second export is identical.
        assert_eq!(write(&again), write(&file), "{name}");
        count += 1;
    }
    assert_eq!(count, 29);
}
