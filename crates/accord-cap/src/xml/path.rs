//! The path of the element being read (`/alert/info[2]/area[1]`) and the reporting of
//! problems at it.

use super::Cursor;
use crate::diag::{Code, Diagnostic, Severity};

/// One step of the path: an element name and, for repeatable elements, its 1-based index.
#[derive(Debug, Clone, Copy)]
pub(super) struct Seg<'a> {
    pub(super) name: &'a str,
    pub(super) index: Option<usize>,
}

impl<'a> Cursor<'a> {
    /// Enters a child element for path purposes.
    pub(crate) fn push(&mut self, name: &'a str, index: Option<usize>) {
        self.path.push(Seg { name, index });
    }

    /// Leaves the current child element.
    pub(crate) fn pop(&mut self) {
        self.path.pop();
    }

    /// The current path, e.g. `/alert/info[2]/area[1]`.
    pub(crate) fn path_string(&self) -> String {
        let mut out = String::new();
        for seg in &self.path {
            out.push('/');
            out.push_str(seg.name);
            if let Some(i) = seg.index {
                out.push_str(&format!("[{i}]"));
            }
        }
        out
    }

    /// Records a problem at the current path.
    pub(crate) fn report(&mut self, code: Code, severity: Severity, message: String) {
        let path = self.path_string();
        self.diags.push(Diagnostic {
            code,
            path,
            message,
            severity,
        });
    }

    /// Records a problem at a child of the current path.
    pub(crate) fn report_at_child(&mut self, child: &str, code: Code, message: String) {
        let path = format!("{}/{child}", self.path_string());
        self.diags.push(Diagnostic {
            code,
            path,
            message,
            severity: Severity::Error,
        });
    }
}
