use qari::text::{Direction, LayoutOptions, layout};
fn main() {
    let text: String = std::env::args().nth(1).unwrap().split_whitespace().map(|cp| char::from_u32(u32::from_str_radix(cp, 16).unwrap()).unwrap()).collect();
    let p = layout(&text, &LayoutOptions { width: usize::MAX, direction: Direction::Ltr, shape: false });
    for c in &p.lines[0].clusters { println!("{:?} {:?} rtl={}", c.source, text[c.source.clone()].chars().map(|c| format!("{:04X}", c as u32)).collect::<Vec<_>>(), c.rtl); }
}
