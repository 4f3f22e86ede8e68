//! The fixed words a handout prints, in each language.

use crate::model::{Date, Lang};

/// "Page N of M".
pub fn page_of(lang: Lang, n: usize, m: usize) -> String {
    match lang {
        Lang::En => format!("Page {n} of {m}"),
        Lang::Es => format!("Página {n} de {m}"),
    }
}

/// "Reviewed November 2026".
pub fn reviewed(lang: Lang, date: Date) -> String {
    let index = usize::from(date.month.clamp(1, 12)) - 1;
    match lang {
        Lang::En => {
            const MONTHS: [&str; 12] = [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ];
            format!("Reviewed {} {}", MONTHS[index], date.year)
        }
        Lang::Es => {
            const MONTHS: [&str; 12] = [
                "enero",
                "febrero",
                "marzo",
                "abril",
                "mayo",
                "junio",
                "julio",
                "agosto",
                "septiembre",
                "octubre",
                "noviembre",
                "diciembre",
            ];
            format!("Revisado en {} de {}", MONTHS[index], date.year)
        }
    }
}

/// The default title of a contacts block.
pub fn contacts_title(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Phone numbers to keep",
        Lang::Es => "Teléfonos importantes",
    }
}

/// The label of the clinic's website in a contacts block.
pub fn website(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Website",
        Lang::Es => "Sitio web",
    }
}

/// The title of a packet's contents page.
pub fn contents(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Contents",
        Lang::Es => "Contenido",
    }
}

/// The line that introduces the contents list on a cover.
pub fn inside(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Inside this packet",
        Lang::Es => "En este paquete",
    }
}

/// A blank page's note in a duplex packet.
pub fn intentionally_blank(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "This page is intentionally blank.",
        Lang::Es => "Esta página se dejó en blanco a propósito.",
    }
}

/// The word that opens an emergency callout's title band.
pub fn emergency(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Emergency",
        Lang::Es => "Emergencia",
    }
}
