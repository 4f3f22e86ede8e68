//! The structure tree of a tagged PDF: elements, marked-content references,
//! link annotations bound to their Link elements, and the parent tree.

use crate::layout::{StructKind, StructNode};
use crate::pdf::file::{PdfFile, Ref};
use crate::pdf::write::PageTags;

/// A kid of a structure element, with its place in reading order.
#[derive(Debug, Clone, Copy)]
enum Kid {
    /// Marked content on a page.
    Content { page: usize, mcid: usize },
    /// A link annotation on a page.
    Annotation { page: usize, object: Ref },
    /// A child element.
    Node(usize),
}

/// Where in reading order something first appears: page, then position on it.
type Order = (usize, usize, usize);

/// The third part of an empty cell's [`Order`]: after the content and links
/// of the marked content it follows, before the next.
const EMPTY_CELL: usize = 1 << 30;

/// Writes the structure tree; returns the StructTreeRoot. Page `i` has
/// /StructParents `i`; each link annotation has the key it was written with.
pub fn write_structure(
    file: &mut PdfFile,
    structure: &[StructNode],
    pages: &[Ref],
    tags: &[PageTags],
) -> Result<Ref, String> {
    if structure.is_empty() {
        return Err("the document has no structure".into());
    }

    // Each node's own content, in order.
    let mut kids: Vec<Vec<(Order, Kid)>> = vec![Vec::new(); structure.len()];
    for (page, page_tags) in tags.iter().enumerate() {
        for (mcid, &node) in page_tags.mcids.iter().enumerate() {
            if let Some(list) = kids.get_mut(node) {
                list.push(((page, mcid, 0), Kid::Content { page, mcid }));
            }
        }
        for (index, &(node, object, _)) in page_tags.links.iter().enumerate() {
            // An annotation follows the text of its link.
            let after = kids
                .get(node)
                .and_then(|k| {
                    k.iter()
                        .filter(|(o, _)| o.0 == page)
                        .map(|(o, _)| o.1)
                        .max()
                })
                .unwrap_or(0);
            if let Some(list) = kids.get_mut(node) {
                list.push(((page, after, 1 + index), Kid::Annotation { page, object }));
            }
        }
    }
    // Children after their parents in numbering: walk backwards to find where
    // each element first appears, then hang it under its parent.
    let mut first: Vec<Option<Order>> = kids
        .iter()
        .map(|k| k.iter().map(|(o, _)| *o).min())
        .collect();
    // An empty table cell (room to write by hand) has no content, but a
    // screen reader must still count it, or the cells after it would be read
    // under the wrong column: it is kept, in reading order just after the
    // content numbered before it.
    let mut before: Order = (0, 0, 0);
    for node in 1..structure.len() {
        let cell = matches!(structure[node].kind, StructKind::TD | StructKind::TH);
        if first[node].is_none() && cell && structure[node].parent.is_some() {
            first[node] = Some((before.0, before.1, EMPTY_CELL + node));
        }
        if let Some(last) = kids[node].iter().map(|(o, _)| *o).max() {
            before = before.max(last);
        }
    }
    for node in (1..structure.len()).rev() {
        let (Some(order), Some(parent)) = (first[node], structure[node].parent) else {
            continue;
        };
        if parent < node {
            kids[parent].push((order, Kid::Node(node)));
            first[parent] = Some(first[parent].map_or(order, |o| o.min(order)));
        }
    }
    for list in &mut kids {
        list.sort_by_key(|(order, _)| *order);
    }

    let root = file.reserve();
    // Elements with no content anywhere beneath them are left out.
    let ids: Vec<Ref> = (0..structure.len())
        .map(|node| {
            if node == 0 || first[node].is_some() {
                file.reserve()
            } else {
                0
            }
        })
        .collect();
    let mut parent_tree: Vec<Vec<Option<Ref>>> =
        tags.iter().map(|t| vec![None; t.mcids.len()]).collect();
    for (node, info) in structure.iter().enumerate() {
        if node > 0 && first[node].is_none() {
            continue;
        }
        // Content all on one page: name the page once and list bare MCIDs.
        let mut content_pages = kids[node].iter().filter_map(|(_, kid)| match kid {
            Kid::Content { page, .. } => Some(*page),
            _ => None,
        });
        let one_page = content_pages
            .next()
            .filter(|&p| content_pages.all(|q| q == p));
        for (_, kid) in &kids[node] {
            if let Kid::Content { page, mcid } = *kid {
                parent_tree[page][mcid] = Some(ids[node]);
            }
        }
        file.dict_at(ids[node], |d| {
            // /Type is optional for structure elements; leaving it out keeps the tree small.
            d.name("S", info.kind.name())
                .reference("P", info.parent.map_or(root, |p| ids[p]));
            if let Some(alt) = &info.alt {
                d.text("Alt", alt);
            }
            if let Some(lang) = info.lang {
                d.string("Lang", lang.as_bytes());
            }
            if let Some(scope) = info.scope {
                d.dict("A", |a| {
                    a.name("O", "Table").name("Scope", scope);
                });
            }
            if let Some(page) = one_page {
                d.reference("Pg", pages[page]);
            }
            if kids[node].is_empty() {
                return;
            }
            d.array("K", |k| {
                for (_, kid) in &kids[node] {
                    match *kid {
                        Kid::Node(child) => {
                            k.reference(ids[child]);
                        }
                        Kid::Content { page, mcid } if one_page == Some(page) => {
                            k.int(mcid as i64);
                        }
                        Kid::Content { page, mcid } => {
                            k.dict(|r| {
                                r.name("Type", "MCR")
                                    .reference("Pg", pages[page])
                                    .int("MCID", mcid as i64);
                            });
                        }
                        Kid::Annotation { page, object } => {
                            k.dict(|r| {
                                r.name("Type", "OBJR")
                                    .reference("Pg", pages[page])
                                    .reference("Obj", object);
                            });
                        }
                    }
                }
            });
        });
    }

    // The parent tree: a page's marked content by /StructParents, then each
    // annotation by /StructParent, in key order.
    let mut annotations: Vec<(i64, Ref)> = tags
        .iter()
        .flat_map(|t| t.links.iter().map(|&(node, _, key)| (key, ids[node])))
        .collect();
    annotations.sort_unstable();
    let next_key = annotations
        .last()
        .map_or(pages.len() as i64, |&(key, _)| key + 1);
    let tree = file.dict(|d| {
        d.array("Nums", |n| {
            for (page, parents) in parent_tree.iter().enumerate() {
                n.int(page as i64).array(|a| {
                    for parent in parents {
                        match parent {
                            Some(id) => a.reference(*id),
                            None => a.null(),
                        };
                    }
                });
            }
            for &(key, element) in &annotations {
                n.int(key).reference(element);
            }
        });
    });
    file.dict_at(root, |d| {
        d.name("Type", "StructTreeRoot")
            .array("K", |k| {
                k.reference(ids[0]);
            })
            .reference("ParentTree", tree)
            .int("ParentTreeNextKey", next_key);
    });
    Ok(root)
}
