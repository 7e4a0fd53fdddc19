use dsoftmax::exact::{decide, Case};
use dsoftmax::expr::{plain::parse, Expr, Sym};
use std::time::Instant;
fn main() {
    let f = std::env::args().nth(1).unwrap();
    let e = parse(&f).unwrap();
    let t = Instant::now();
    let r = decide(&e, &Expr::Sym(Sym::DjSi), &Case::ALL);
    let kind = match r { dsoftmax::exact::Exact::Proved(_) => "proved".to_string(), dsoftmax::exact::Exact::Refuted(..) => "refuted".into(), dsoftmax::exact::Exact::Open(_, w) => format!("open {w}"), dsoftmax::exact::Exact::Outside(w) => format!("outside {w}") };
    println!("exact: {:?} {}", t.elapsed(), kind);
}
