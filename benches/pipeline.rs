//! Throughput of each stage and of the whole check, in bytes per second.
//!
//! Input: the repository's corpus replicated to about 4 MB, or, when
//! `PROVENANCE_BENCH_DIR` names a folder, every `.txt` file in it (the bench
//! script points it at the PolNeAR text when `../shared` is present).

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use provenance::document::{Document, InputFormat, ReadOptions};
use provenance::rules::RuleSet;

// The binary's allocator, so that the stages are timed as the binary runs them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Articles to run over: one string each.
fn articles() -> Vec<String> {
    let dir = std::env::var_os("PROVENANCE_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("bench folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("UTF-8 article"))
        .collect();
    let size: usize = texts.iter().map(String::len).sum();
    // Replicate a small corpus until it weighs about 4 MB, like the PolNeAR text.
    let copies = (4_000_000 / size.max(1)).max(1);
    texts
        .iter()
        .cycle()
        .take(texts.len() * copies)
        .cloned()
        .collect()
}

fn stages(c: &mut Criterion) {
    let rules = RuleSet::embedded();
    let texts = articles();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("pipeline");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("segment", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(provenance::segment::segment(black_box(t), &rules.lexicon));
            }
        })
    });
    let segmented: Vec<_> = texts
        .iter()
        .map(|t| provenance::segment::segment(t, &rules.lexicon))
        .collect();
    group.bench_function("attribute", |b| {
        b.iter(|| {
            for (t, s) in texts.iter().zip(&segmented) {
                black_box(provenance::attribute::attribute(t, s, &rules));
            }
        })
    });
    group.bench_function("check (segment, attribute, check, JSON)", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(bytes * 4);
            let mut report = provenance::report::reporter(
                provenance::report::Format::Jsonl,
                &provenance::report::ReportOptions::plain(&rules),
            );
            for t in &texts {
                let doc = Document::new(
                    "bench",
                    t.clone(),
                    InputFormat::Txt,
                    &ReadOptions::default(),
                )
                .expect("text");
                report
                    .document(&provenance::check_document(doc, &rules), &mut out)
                    .expect("write");
            }
            black_box(out.len())
        })
    });
    group.finish();
}

/// Hostile inputs at growing sizes: time must grow linearly with the bytes
/// (compare the per-byte throughput across sizes), never faster.
fn scaling(c: &mut Criterion) {
    let rules = RuleSet::embedded();
    let patterns: [(&str, &str); 6] = [
        ("periods", "."),
        ("spaced-periods", ". "),
        ("quotes", "\""),
        ("abbreviations", "Mr. Gen. U.S. No. 5 "),
        ("long-line", "word "),
        (
            "names",
            "Governor Serhiy Haidai said that Serhyi Haidai claimed it. ",
        ),
    ];
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10);
    for (name, unit) in patterns {
        for size in [100_000usize, 1_000_000, 4_000_000] {
            let text = unit.repeat(size / unit.len());
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_function(format!("{name}/{size}"), |b| {
                b.iter(|| {
                    black_box(provenance::check_text("scaling", black_box(&text), &rules))
                        .sentences
                        .len()
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, stages, scaling);
criterion_main!(benches);
