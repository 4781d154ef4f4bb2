//! `gen SEED`: prints the generated program of SEED.
fn main() {
    let seed: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("usage: gen SEED");
    print!("{}", tests::gen::generate(seed));
}
