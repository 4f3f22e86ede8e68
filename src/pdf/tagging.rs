//! The structure tree of a tagged PDF: elements, marked-content references,
//! link annotations bound to their Link elements, and the parent tree.

use lopdf::{Dictionary, Object, ObjectId};

use crate::layout::{StructKind, StructNode};
use crate::pdf::finish::text_string;
use crate::pdf::write::PageTags;

/// A kid of a structure element, with its place in reading order.
#[derive(Debug, Clone, Copy)]
enum Kid {
    /// Marked content on a page.
    Content { page: usize, mcid: usize },
    /// A link annotation on a page.
    Annotation { page: usize, index: usize },
    /// A child element.
    Node(usize),
}

/// Where in reading order something first appears: page, then position on it.
type Order = (usize, usize, usize);

/// Writes the structure tree and binds pages and annotations to it; returns the StructTreeRoot.
pub fn write_structure(
    lo: &mut lopdf::Document,
    structure: &[StructNode],
    pages: &[ObjectId],
    tags: &[PageTags],
) -> Result<ObjectId, String> {
    if structure.is_empty() {
        return Err("the document has no structure".into());
    }
    let annotations = index_annotations(lo, pages)?;

    // Each node's own content, in order.
    let mut kids: Vec<Vec<(Order, Kid)>> = vec![Vec::new(); structure.len()];
    for (page, page_tags) in tags.iter().enumerate() {
        for (mcid, &node) in page_tags.mcids.iter().enumerate() {
            if let Some(list) = kids.get_mut(node) {
                list.push(((page, mcid, 0), Kid::Content { page, mcid }));
            }
        }
        for (index, node) in page_tags.links.iter().enumerate() {
            let Some(node) = *node else { continue };
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
                list.push(((page, after, 1 + index), Kid::Annotation { page, index }));
            }
        }
    }
    // Children after their parents in numbering: walk backwards to find where
    // each element first appears, then hang it under its parent.
    let mut first: Vec<Option<Order>> = kids
        .iter()
        .map(|k| k.iter().map(|(o, _)| *o).min())
        .collect();
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

    let root_id = lo.new_object_id();
    let ids: Vec<ObjectId> = structure.iter().map(|_| lo.new_object_id()).collect();
    let mut parent_tree: Vec<Vec<Object>> = tags
        .iter()
        .map(|t| vec![Object::Null; t.mcids.len()])
        .collect();
    let mut annotation_parents: Vec<(ObjectId, ObjectId)> = Vec::new();
    for (node, info) in structure.iter().enumerate() {
        if node > 0 && first[node].is_none() {
            continue;
        }
        let mut dict = Dictionary::new();
        // /Type is optional for structure elements; leaving it out keeps the tree small.
        dict.set("S", Object::Name(info.kind.name().as_bytes().to_vec()));
        dict.set("P", info.parent.map_or(root_id, |p| ids[p]));
        if let Some(alt) = &info.alt {
            dict.set("Alt", text_string(alt));
        }
        // Content all on one page: name the page once and list bare MCIDs.
        let content_pages: Vec<usize> = kids[node]
            .iter()
            .filter_map(|(_, kid)| match kid {
                Kid::Content { page, .. } => Some(*page),
                _ => None,
            })
            .collect();
        let one_page = content_pages
            .first()
            .filter(|p| content_pages.iter().all(|q| q == *p))
            .copied();
        if let Some(page) = one_page {
            dict.set("Pg", pages[page]);
        }
        let mut k = Vec::new();
        for (_, kid) in &kids[node] {
            match *kid {
                Kid::Node(child) => k.push(Object::Reference(ids[child])),
                Kid::Content { page, mcid } if one_page == Some(page) => {
                    k.push(Object::Integer(mcid as i64));
                    parent_tree[page][mcid] = Object::Reference(ids[node]);
                }
                Kid::Content { page, mcid } => {
                    let mut mcr = Dictionary::new();
                    mcr.set("Type", Object::Name(b"MCR".to_vec()));
                    mcr.set("Pg", pages[page]);
                    mcr.set("MCID", mcid as i64);
                    k.push(Object::Dictionary(mcr));
                    parent_tree[page][mcid] = Object::Reference(ids[node]);
                }
                Kid::Annotation { page, index } => {
                    let Some(&annotation) = annotations.get(page).and_then(|a| a.get(index)) else {
                        continue;
                    };
                    let mut objr = Dictionary::new();
                    objr.set("Type", Object::Name(b"OBJR".to_vec()));
                    objr.set("Pg", pages[page]);
                    objr.set("Obj", annotation);
                    k.push(Object::Dictionary(objr));
                    annotation_parents.push((annotation, ids[node]));
                    describe_annotation(lo, annotation, info);
                }
            }
        }
        dict.set("K", Object::Array(k));
        lo.objects.insert(ids[node], Object::Dictionary(dict));
    }

    // The parent tree: a page's marked content by /StructParents, then each annotation by /StructParent.
    let mut nums = Vec::new();
    for (page, parents) in parent_tree.into_iter().enumerate() {
        nums.push(Object::Integer(page as i64));
        nums.push(Object::Array(parents));
        if let Ok(dict) = lo.get_object_mut(pages[page]).and_then(Object::as_dict_mut) {
            dict.set("StructParents", page as i64);
        }
    }
    let mut next_key = pages.len();
    for (annotation, element) in annotation_parents {
        nums.push(Object::Integer(next_key as i64));
        nums.push(Object::Reference(element));
        if let Ok(dict) = lo.get_object_mut(annotation).and_then(Object::as_dict_mut) {
            dict.set("StructParent", next_key as i64);
        }
        next_key += 1;
    }
    let mut tree = Dictionary::new();
    tree.set("Nums", Object::Array(nums));
    let tree_id = lo.add_object(tree);

    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    root.set("K", Object::Array(vec![Object::Reference(ids[0])]));
    root.set("ParentTree", tree_id);
    root.set("ParentTreeNextKey", next_key as i64);
    lo.objects.insert(root_id, Object::Dictionary(root));
    Ok(root_id)
}

/// Makes every annotation an indirect object, printable, and gives pages with
/// annotations a tab order that follows the structure.
fn index_annotations(
    lo: &mut lopdf::Document,
    pages: &[ObjectId],
) -> Result<Vec<Vec<ObjectId>>, String> {
    let mut all = Vec::with_capacity(pages.len());
    for &page in pages {
        let annots = lo
            .get_dictionary(page)
            .ok()
            .and_then(|d| d.get(b"Annots").ok())
            .and_then(|a| a.as_array().ok())
            .cloned()
            .unwrap_or_default();
        let mut ids = Vec::with_capacity(annots.len());
        for annot in annots {
            let id = match annot {
                Object::Reference(id) => id,
                Object::Dictionary(dict) => lo.add_object(dict),
                _ => continue,
            };
            if let Ok(dict) = lo.get_object_mut(id).and_then(Object::as_dict_mut) {
                // Printable and not hidden, as PDF/A asks.
                dict.set("F", 4);
            }
            ids.push(id);
        }
        let page_dict = lo
            .get_object_mut(page)
            .and_then(Object::as_dict_mut)
            .map_err(|_| "a page is not a dictionary".to_string())?;
        if !ids.is_empty() {
            page_dict.set(
                "Annots",
                Object::Array(ids.iter().map(|&id| Object::Reference(id)).collect()),
            );
            page_dict.set("Tabs", Object::Name(b"S".to_vec()));
        }
        all.push(ids);
    }
    Ok(all)
}

/// A link annotation's /Contents: what it does, for assistive technology.
fn describe_annotation(lo: &mut lopdf::Document, annotation: ObjectId, node: &StructNode) {
    if node.kind != StructKind::Link {
        return;
    }
    if let (Some(alt), Ok(dict)) = (
        &node.alt,
        lo.get_object_mut(annotation).and_then(Object::as_dict_mut),
    ) {
        dict.set("Contents", text_string(alt));
    }
}
