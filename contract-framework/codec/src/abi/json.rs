//! The `"types"` part of an `.abi.json`, written as the ecosystem's meta tool writes it
//! (serde_json's pretty printer with a 4-space indent; keys in its order; empty lists left out).

use alloc::string::String;
use core::fmt::Write;

use super::{StructFieldDescription, TypeContents, TypeDescription, TypeDescriptionContainer};

impl TypeDescriptionContainer {
    /// Writes the specified descriptions as a JSON object (`{}` when there are none), the
    /// object starting at the cursor and its inner lines indented as at nesting `level`
    /// (the ABI's `"types"` value is at level 1).
    pub fn write_json(&self, out: &mut String, level: usize) {
        let mut object = Object::open(out, level);
        for (name, description) in self.iter_specified() {
            let out = object.key(name);
            description.write_json(out, level + 1);
        }
        object.close();
    }
}

impl TypeDescription {
    /// Writes the description as a JSON object at nesting `level` (see
    /// [`TypeDescriptionContainer::write_json`]).
    pub fn write_json(&self, out: &mut String, level: usize) {
        let kind = match &self.contents {
            TypeContents::NotSpecified => "not-specified",
            TypeContents::Struct(_) => "struct",
            TypeContents::Enum(_) => "enum",
            TypeContents::ExplicitEnum(_) => "explicit-enum",
        };
        let mut object = Object::open(out, level);
        write_str(object.key("type"), kind);
        object.docs(&self.docs);
        match &self.contents {
            TypeContents::Struct(fields) => object.fields(fields),
            TypeContents::Enum(variants) if !variants.is_empty() => {
                let mut list = List::open(object.key("variants"), level + 1);
                for variant in variants {
                    let mut item = Object::open(list.item(), level + 2);
                    item.docs(&variant.docs);
                    write_str(item.key("name"), &variant.name);
                    let _ = write!(item.key("discriminant"), "{}", variant.discriminant);
                    item.fields(&variant.fields);
                    item.close();
                }
                list.close();
            }
            TypeContents::ExplicitEnum(variants) if !variants.is_empty() => {
                let mut list = List::open(object.key("variants"), level + 1);
                for variant in variants {
                    let mut item = Object::open(list.item(), level + 2);
                    item.docs(&variant.docs);
                    write_str(item.key("name"), &variant.name);
                    item.close();
                }
                list.close();
            }
            _ => {}
        }
        object.close();
    }
}

fn newline(out: &mut String, level: usize) {
    out.push('\n');
    for _ in 0..level {
        out.push_str("    ");
    }
}

/// Writes a JSON string with serde_json's escapes.
fn write_str(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A pretty-printed JSON object being written.
struct Object<'a> {
    out: &'a mut String,
    level: usize,
    empty: bool,
}

impl<'a> Object<'a> {
    fn open(out: &'a mut String, level: usize) -> Self {
        out.push('{');
        Object {
            out,
            level,
            empty: true,
        }
    }

    /// Starts the next member; returns where its value goes.
    fn key(&mut self, key: &str) -> &mut String {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        newline(self.out, self.level + 1);
        write_str(self.out, key);
        self.out.push_str(": ");
        self.out
    }

    fn docs(&mut self, docs: &[String]) {
        if docs.is_empty() {
            return;
        }
        let level = self.level + 1;
        let mut list = List::open(self.key("docs"), level);
        for line in docs {
            write_str(list.item(), line);
        }
        list.close();
    }

    fn fields(&mut self, fields: &[StructFieldDescription]) {
        if fields.is_empty() {
            return;
        }
        let level = self.level + 1;
        let mut list = List::open(self.key("fields"), level);
        for field in fields {
            let mut item = Object::open(list.item(), level + 1);
            item.docs(&field.docs);
            write_str(item.key("name"), &field.name);
            write_str(item.key("type"), &field.field_type);
            item.close();
        }
        list.close();
    }

    fn close(self) {
        if !self.empty {
            newline(self.out, self.level);
        }
        self.out.push('}');
    }
}

/// A pretty-printed JSON array being written.
struct List<'a> {
    out: &'a mut String,
    level: usize,
    empty: bool,
}

impl<'a> List<'a> {
    fn open(out: &'a mut String, level: usize) -> Self {
        out.push('[');
        List {
            out,
            level,
            empty: true,
        }
    }

    /// Starts the next item; returns where it goes.
    fn item(&mut self) -> &mut String {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        newline(self.out, self.level + 1);
        self.out
    }

    fn close(self) {
        if !self.empty {
            newline(self.out, self.level);
        }
        self.out.push(']');
    }
}
