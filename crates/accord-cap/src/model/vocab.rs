//! The closed vocabularies of CAP 1.2 as enums, each with its exact XML spelling.

/// Defines a closed-vocabulary enum with `as_str`, `parse` and `ALL`.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in the schema's order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The exact spelling in CAP XML.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// Parses the exact spelling (case-sensitive, as the schema requires).
            pub fn parse(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// `<status>`: the code denoting the appropriate handling of the alert.
    Status {
        /// Actionable by all targeted recipients.
        Actual = "Actual",
        /// Actionable only by designated exercise participants.
        Exercise = "Exercise",
        /// For messages that support alert network internal functions.
        System = "System",
        /// Technical testing only; all recipients disregard.
        Test = "Test",
        /// A preliminary template or draft, not actionable in its current form.
        Draft = "Draft",
    }
}

vocabulary! {
    /// `<msgType>`: the nature of the alert message.
    MsgType {
        /// Initial information requiring attention.
        Alert = "Alert",
        /// Updates and supersedes the earlier message(s) in `references`.
        Update = "Update",
        /// Cancels the earlier message(s) in `references`.
        Cancel = "Cancel",
        /// Acknowledges receipt and acceptance of the message(s) in `references`.
        Ack = "Ack",
        /// Indicates rejection of the message(s) in `references`.
        Error = "Error",
    }
}

vocabulary! {
    /// `<scope>`: the intended distribution.
    Scope {
        /// For general dissemination to unrestricted audiences.
        Public = "Public",
        /// For dissemination only to users with a known operational requirement (`restriction`).
        Restricted = "Restricted",
        /// For dissemination only to the specified `addresses`.
        Private = "Private",
    }
}

vocabulary! {
    /// `<category>`: the category of the subject event.
    Category {
        /// Geophysical (including landslide).
        Geo = "Geo",
        /// Meteorological (including flood).
        Met = "Met",
        /// General emergency and public safety.
        Safety = "Safety",
        /// Law enforcement, military, homeland and local/private security.
        Security = "Security",
        /// Rescue and recovery.
        Rescue = "Rescue",
        /// Fire suppression and rescue.
        Fire = "Fire",
        /// Medical and public health.
        Health = "Health",
        /// Pollution and other environmental.
        Env = "Env",
        /// Public and private transportation.
        Transport = "Transport",
        /// Utility, telecommunication, other non-transport infrastructure.
        Infra = "Infra",
        /// Chemical, biological, radiological, nuclear or high-yield explosive.
        Cbrne = "CBRNE",
        /// Other events.
        Other = "Other",
    }
}

vocabulary! {
    /// `<responseType>`: the recommended type of action.
    ResponseType {
        /// Take shelter in place or per instruction.
        Shelter = "Shelter",
        /// Relocate as instructed.
        Evacuate = "Evacuate",
        /// Make preparations per instruction.
        Prepare = "Prepare",
        /// Execute a pre-planned activity.
        Execute = "Execute",
        /// Avoid the subject event.
        Avoid = "Avoid",
        /// Attend to information sources.
        Monitor = "Monitor",
        /// Evaluate the information in this message.
        Assess = "Assess",
        /// The subject event no longer poses a threat.
        AllClear = "AllClear",
        /// No action recommended.
        None = "None",
    }
}

vocabulary! {
    /// `<urgency>`: how soon action should be taken.
    Urgency {
        /// Responsive action should be taken immediately.
        Immediate = "Immediate",
        /// Within the next hour.
        Expected = "Expected",
        /// In the near future.
        Future = "Future",
        /// No longer required.
        Past = "Past",
        /// Not known.
        Unknown = "Unknown",
    }
}

vocabulary! {
    /// `<severity>`: the severity of the subject event.
    Severity {
        /// Extraordinary threat to life or property.
        Extreme = "Extreme",
        /// Significant threat to life or property.
        Severe = "Severe",
        /// Possible threat to life or property.
        Moderate = "Moderate",
        /// Minimal to no known threat to life or property.
        Minor = "Minor",
        /// Not known.
        Unknown = "Unknown",
    }
}

vocabulary! {
    /// `<certainty>`: the certainty of the subject event.
    Certainty {
        /// Determined to have occurred or to be ongoing.
        Observed = "Observed",
        /// Likely (p > ~50%).
        Likely = "Likely",
        /// Possible but not likely (p <= ~50%).
        Possible = "Possible",
        /// Not expected to occur (p ~ 0).
        Unlikely = "Unlikely",
        /// Not known.
        Unknown = "Unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_parses_back_from_its_spelling() {
        for v in Category::ALL {
            assert_eq!(Category::parse(v.as_str()), Some(*v));
        }
        assert_eq!(Category::parse("CBRNE"), Some(Category::Cbrne));
        assert_eq!(Status::parse("actual"), None);
        assert_eq!(ResponseType::ALL.len(), 9);
    }
}
