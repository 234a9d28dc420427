//! Finds where a JSON path (`steps[2].tx.arguments[0]`, `steps[0].accounts."address:a".nonce`)
//! starts in the document text, as a 1-based line and column, for error messages.

#[derive(Debug, PartialEq, Eq)]
enum Segment {
    Key(String),
    Index(usize),
}

fn parse_path(path: &str) -> Option<Vec<Segment>> {
    let mut out = Vec::new();
    let mut chars = path.strip_prefix('$').unwrap_or(path).chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            '.' => {
                chars.next();
            }
            '[' => {
                chars.next();
                let digits: String = chars.by_ref().take_while(|c| *c != ']').collect();
                out.push(Segment::Index(digits.parse().ok()?));
            }
            '"' => {
                chars.next();
                let mut key = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => key.push(chars.next()?),
                        '"' => break,
                        other => key.push(other),
                    }
                }
                out.push(Segment::Key(key));
            }
            _ => {
                let mut key = String::new();
                while let Some(&c) = chars.peek() {
                    if c == '.' || c == '[' {
                        break;
                    }
                    key.push(c);
                    chars.next();
                }
                out.push(Segment::Key(key));
            }
        }
    }
    Some(out)
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn skip_ws(&mut self) {
        while self
            .bytes
            .get(self.pos)
            .is_some_and(u8::is_ascii_whitespace)
        {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        self.skip_ws();
        (self.bytes.get(self.pos) == Some(&byte)).then(|| self.pos += 1)
    }

    /// The raw content of a string (escapes kept), the cursor after its closing quote.
    fn string(&mut self) -> Option<&str> {
        self.eat(b'"')?;
        let start = self.pos;
        while *self.bytes.get(self.pos)? != b'"' {
            self.pos += if self.bytes[self.pos] == b'\\' { 2 } else { 1 };
        }
        let raw = std::str::from_utf8(self.bytes.get(start..self.pos)?).ok();
        self.pos += 1;
        raw
    }

    fn skip_value(&mut self) -> Option<()> {
        self.skip_ws();
        match *self.bytes.get(self.pos)? {
            b'"' => self.string().map(|_| ()),
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                self.pos += 1;
                if self.eat(close).is_some() {
                    return Some(());
                }
                loop {
                    if open == b'{' {
                        self.string()?;
                        self.eat(b':')?;
                    }
                    self.skip_value()?;
                    if self.eat(b',').is_none() {
                        return self.eat(close);
                    }
                }
            }
            _ => {
                while self
                    .bytes
                    .get(self.pos)
                    .is_some_and(|b| !b",}] \t\r\n".contains(b))
                {
                    self.pos += 1;
                }
                Some(())
            }
        }
    }

    /// Moves to the start of the member `segment` of the value at the cursor.
    fn enter(&mut self, segment: &Segment) -> Option<()> {
        match segment {
            Segment::Key(key) => {
                self.eat(b'{')?;
                loop {
                    let name = self.string()?.replace("\\\"", "\"");
                    self.eat(b':')?;
                    if &name == key {
                        self.skip_ws();
                        return Some(());
                    }
                    self.skip_value()?;
                    self.eat(b',')?;
                }
            }
            Segment::Index(index) => {
                self.eat(b'[')?;
                for _ in 0..*index {
                    self.skip_value()?;
                    self.eat(b',')?;
                }
                self.skip_ws();
                Some(())
            }
        }
    }
}

/// The 1-based line and column where the value at `path` starts in `text`, if found.
pub(crate) fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        pos: 0,
    };
    for segment in parse_path(path)? {
        scanner.enter(&segment)?;
    }
    scanner.skip_ws();
    let before = text.get(..scanner.pos)?;
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, column))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values() {
        let text =
            "{\n  \"steps\": [\n    {\"a\": 1},\n    {\"tx\": {\"x.y\": [\"p\", \"q\"]}}\n  ]\n}";
        assert_eq!(locate(text, "steps[1].tx.\"x.y\"[1]"), Some((4, 26)));
        assert_eq!(locate(text, "steps[0].a"), Some((3, 11)));
        assert_eq!(locate(text, "$.steps"), Some((2, 12)));
        assert_eq!(locate(text, "steps[5]"), None);
    }
}
