//! `gen SEED [--no-core-redef] [--no-user-redef] [--no-blocks-in-methods] [--no-nonlocal-return]`: prints the generated program of SEED.
fn main() {
    let mut seed = None;
    let mut opts = tests::gen::Options::default();
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--no-core-redef" => opts.core_redefinition = false,
            "--no-user-redef" => opts.user_redefinition = false,
            "--no-blocks-in-methods" => opts.blocks_in_methods = false,
            "--no-nonlocal-return" => opts.nonlocal_return = false,
            s => seed = s.parse::<u64>().ok().or(seed),
        }
    }
    let Some(seed) = seed else {
        eprintln!("usage: gen SEED [--no-core-redef] [--no-user-redef] [--no-blocks-in-methods] [--no-nonlocal-return]");
        std::process::exit(2);
    };
    print!("{}", tests::gen::generate_with(seed, &opts));
}
