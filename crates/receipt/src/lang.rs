//! The receipt's languages and the fixed labels printed on it, translated here so every caller
//! prints the same words.

/// The language a document is printed in. `ArFr` prints each fixed label in Arabic and French.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    En,
    Fr,
    Ar,
    ArFr,
}

impl Language {
    /// Parses `en`, `fr`, `ar` or `ar+fr` (as given on the command line or in settings).
    pub fn parse(code: &str) -> Option<Language> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Language::En),
            "fr" => Some(Language::Fr),
            "ar" => Some(Language::Ar),
            "ar+fr" | "ar-fr" | "fr+ar" => Some(Language::ArFr),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
            Language::Ar => "ar",
            Language::ArFr => "ar+fr",
        }
    }

    /// Arabic layouts are mirrored: labels on the right, amounts on the left.
    pub fn is_rtl(self) -> bool {
        matches!(self, Language::Ar | Language::ArFr)
    }

    /// The words of a label in this language: one line, or Arabic then French for `ArFr`.
    pub fn words(self, label: Label) -> Vec<&'static str> {
        let (en, fr, ar) = label.texts();
        match self {
            Language::En => vec![en],
            Language::Fr => vec![fr],
            Language::Ar => vec![ar],
            Language::ArFr => vec![ar, fr],
        }
    }

    /// The words of a label on one line (`ArFr`: "Arabic / French").
    pub fn inline(self, label: Label) -> String {
        self.words(label).join(" / ")
    }
}

/// Every fixed word the documents print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Receipt,
    Refund,
    RefundOf,
    Till,
    Date,
    Total,
    Method,
    Reference,
    EscrowReference,
    Tendered,
    Change,
    Quantity,
    Period,
    Reason,
    KycTitle,
    KycScan,
    Name,
    Email,
    Calibration,
    Width,
    Currency,
    KycEmailed,
    XReport,
    ZReport,
    Opened,
    Closed,
    Cashier,
    BlindClose,
    Float,
    PaidIn,
    PaidOut,
    Sales,
    Refunds,
    Expected,
    Counted,
    Difference,
    Receipts,
    Dhmad,
    DhmadPaid,
    DhmadReleased,
    DhmadHeld,
    DhmadCancelled,
    Hash,
    Yes,
    Copy,
    Cash,
    Card,
    Cheque,
}

impl Label {
    /// (English, French, Arabic).
    fn texts(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Label::Receipt => ("Receipt", "Reçu", "إيصال"),
            Label::Refund => ("Refund", "Remboursement", "استرجاع"),
            Label::RefundOf => ("For receipt", "Pour le reçu", "عن الإيصال"),
            Label::Till => ("Till", "Caisse", "الصندوق"),
            Label::Date => ("Date", "Date", "التاريخ"),
            Label::Total => ("Total", "Total", "المجموع"),
            Label::Method => ("Method", "Mode", "طريقة الدفع"),
            Label::Reference => ("Reference", "Référence", "المرجع"),
            Label::EscrowReference => ("DHMAD escrow", "Séquestre DHMAD", "ضمان DHMAD"),
            Label::Tendered => ("Cash given", "Espèces reçues", "المبلغ المدفوع"),
            Label::Change => ("Change", "Monnaie rendue", "الباقي"),
            Label::Quantity => ("Qty", "Qté", "الكمية"),
            Label::Period => ("Period", "Période", "الفترة"),
            Label::Reason => ("Reason", "Motif", "السبب"),
            Label::KycTitle => (
                "Identity check",
                "Vérification d'identité",
                "التحقق من الهوية",
            ),
            Label::KycScan => (
                "Then scan to create your DHMAD account with this e-mail",
                "Puis scannez pour créer votre compte DHMAD avec cet e-mail",
                "ثم امسح الرمز لإنشاء حسابك في DHMAD بهذا البريد",
            ),
            Label::KycEmailed => (
                "DHMAD has e-mailed you the verification link: open it on your phone",
                "DHMAD vous a envoyé le lien de vérification par e-mail : ouvrez-le sur votre téléphone",
                "أرسلت لك DHMAD رابط التحقق بالبريد: افتحه على هاتفك",
            ),
            Label::Name => ("Name", "Nom", "الاسم"),
            Label::Email => ("E-mail", "E-mail", "البريد الإلكتروني"),
            Label::Calibration => ("Printer test", "Test d'impression", "اختبار الطابعة"),
            Label::Width => ("Width", "Largeur", "العرض"),
            Label::Currency => ("TND", "DT", "د.ت"),
            Label::XReport => ("X report", "Rapport X", "تقرير X"),
            Label::ZReport => ("Z report", "Rapport Z", "تقرير Z"),
            Label::Opened => ("Opened", "Ouverture", "الفتح"),
            Label::Closed => ("Closed", "Clôture", "الإغلاق"),
            Label::Cashier => ("Cashier", "Caissier", "أمين الصندوق"),
            Label::BlindClose => ("Blind count", "Comptage à l'aveugle", "عدّ دون رؤية المتوقع"),
            Label::Float => ("Float", "Fond de caisse", "رصيد الافتتاح"),
            Label::PaidIn => ("Paid in", "Entrées", "مدخلات نقدية"),
            Label::PaidOut => ("Paid out", "Sorties", "مخرجات نقدية"),
            Label::Sales => ("Sales", "Ventes", "المبيعات"),
            Label::Refunds => ("Refunds", "Remboursements", "الاسترجاعات"),
            Label::Expected => ("Expected", "Attendu", "المتوقع"),
            Label::Counted => ("Counted", "Compté", "المعدود"),
            Label::Difference => ("Difference", "Écart", "الفرق"),
            Label::Receipts => ("Receipts", "Reçus", "الإيصالات"),
            Label::Dhmad => (
                "DHMAD (escrow, not in the drawer)",
                "DHMAD (séquestre, hors caisse)",
                "DHMAD (ضمان، خارج الصندوق)",
            ),
            Label::DhmadPaid => ("Paid today", "Payé aujourd'hui", "مدفوع اليوم"),
            Label::DhmadReleased => ("Released today", "Libéré aujourd'hui", "محرر اليوم"),
            Label::DhmadHeld => ("Held", "Retenu", "محتجز"),
            Label::DhmadCancelled => ("Cancelled", "Annulé", "ملغى"),
            Label::Hash => ("Hash", "Empreinte", "البصمة"),
            Label::Yes => ("yes", "oui", "نعم"),
            Label::Copy => ("COPY", "DUPLICATA", "نسخة"),
            Label::Cash => ("Cash", "Espèces", "نقدًا"),
            Label::Card => ("Card", "Carte bancaire", "بطاقة بنكية"),
            Label::Cheque => ("Cheque", "Chèque", "صك"),
        }
    }
}
