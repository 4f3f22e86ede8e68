//! The logical structure of a document, built in reading order as blocks are laid out.

use std::cell::RefCell;

/// A standard structure type of tagged PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructKind {
    /// The whole document.
    Document,
    /// One handout of a packet.
    Part,
    /// The title of a handout.
    H1,
    /// A level-1 heading.
    H2,
    /// A level-2 heading.
    H3,
    /// A paragraph, or a line such as a callout's title.
    P,
    /// A list.
    L,
    /// A list item.
    LI,
    /// A list item's label: a step's number.
    Lbl,
    /// A list item's body.
    LBody,
    /// A group: a callout, a timeline, a phase, a contacts box.
    Div,
    /// An image, with a text alternative.
    Figure,
    /// A link and its annotation.
    Link,
    /// A table of contents.
    TOC,
    /// An entry of a table of contents.
    TOCI,
    /// A table.
    Table,
    /// A row of a table.
    TR,
    /// A header cell of a table.
    TH,
    /// A data cell of a table.
    TD,
}

impl StructKind {
    /// The name PDF uses for it.
    pub fn name(self) -> &'static str {
        match self {
            StructKind::Document => "Document",
            StructKind::Part => "Part",
            StructKind::H1 => "H1",
            StructKind::H2 => "H2",
            StructKind::H3 => "H3",
            StructKind::P => "P",
            StructKind::L => "L",
            StructKind::LI => "LI",
            StructKind::Lbl => "Lbl",
            StructKind::LBody => "LBody",
            StructKind::Div => "Div",
            StructKind::Figure => "Figure",
            StructKind::Link => "Link",
            StructKind::TOC => "TOC",
            StructKind::TOCI => "TOCI",
            StructKind::Table => "Table",
            StructKind::TR => "TR",
            StructKind::TH => "TH",
            StructKind::TD => "TD",
        }
    }
}

/// One element of the structure tree.
#[derive(Debug, Clone, PartialEq)]
pub struct StructNode {
    /// What it is.
    pub kind: StructKind,
    /// Its parent; `None` for the root.
    pub parent: Option<usize>,
    /// A text alternative (figures) or description (links).
    pub alt: Option<String>,
    /// The language of the element and all beneath it, when it is not the document's.
    pub lang: Option<&'static str>,
    /// For a header cell, what it heads (`Column` or `Row`): written as the
    /// Table attribute `/A << /O /Table /Scope /Column >>`.
    pub scope: Option<&'static str>,
}

/// The structure tree while it grows; nodes are numbered in the order they are made.
#[derive(Debug)]
pub struct Tags {
    nodes: RefCell<Vec<StructNode>>,
}

impl Tags {
    /// A tree with only its root, node 0.
    pub fn new(root: StructKind) -> Tags {
        Tags {
            nodes: RefCell::new(vec![StructNode {
                kind: root,
                parent: None,
                alt: None,
                lang: None,
                scope: None,
            }]),
        }
    }

    /// Adds a node under a parent and returns its number.
    pub fn add(&self, kind: StructKind, parent: usize) -> usize {
        self.add_with_alt(kind, parent, None)
    }

    /// Adds a node with a text alternative.
    pub fn add_with_alt(&self, kind: StructKind, parent: usize, alt: Option<String>) -> usize {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(StructNode {
            kind,
            parent: Some(parent),
            alt,
            lang: None,
            scope: None,
        });
        nodes.len() - 1
    }

    /// Adds a header cell that heads a column.
    pub fn add_column_header(&self, parent: usize) -> usize {
        let node = self.add(StructKind::TH, parent);
        if let Some(node) = self.nodes.borrow_mut().get_mut(node) {
            node.scope = Some("Column");
        }
        node
    }

    /// Adds a copy of a node of another tree under a parent of this one: its
    /// kind, text alternative and attributes, not its language.
    pub fn add_copy(&self, node: &StructNode, parent: usize) -> usize {
        let id = self.add_with_alt(node.kind, parent, node.alt.clone());
        if let Some(copy) = self.nodes.borrow_mut().get_mut(id) {
            copy.scope = node.scope;
        }
        id
    }

    /// Gives a node its own language (a BCP 47 tag), for it and all beneath it.
    pub fn set_lang(&self, node: usize, tag: &'static str) {
        if let Some(node) = self.nodes.borrow_mut().get_mut(node) {
            node.lang = Some(tag);
        }
    }

    /// The finished list of nodes.
    pub fn into_nodes(self) -> Vec<StructNode> {
        self.nodes.into_inner()
    }
}
