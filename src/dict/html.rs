//! Markup in definitions: StarDict definitions are shown as text, every
//! `<…>` tag left out, whatever the field's type (markup comes in `h`
//! HTML, `x` XDXF and `g` Pango fields). Entities (`&amp;`) stay as
//! written.

/// `text` without its tags. A `<` opens a tag up to the next `>`; a `>`
/// outside a tag is text; a tag left open hides the rest.
pub(super) fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::strip_tags;

    #[test]
    fn tags_go_text_stays() {
        assert_eq!(strip_tags("<b>مبعوث</b>, <i>envoy</i>"), "مبعوث, envoy");
        assert_eq!(strip_tags("a > b"), "a > b");
        assert_eq!(strip_tags("a <b"), "a ");
        assert_eq!(strip_tags("&amp;"), "&amp;");
    }
}
