//! Documents → blocks, in the chosen language.

use chrono::{DateTime, Utc};
use chrono_tz::Africa::Tunis;

use crate::blocks::{Block, Placement, TextSize};
use crate::document::{
    Document, KycSlip, ReceiptLine, RefundReceipt, Report, SaleReceipt, ShopHeader,
};
use crate::lang::{Label, Language};
use crate::money::format_millimes;
use crate::paper::Paper;

/// The blocks of a document in a language.
pub fn compose(document: &Document, language: Language, paper: Paper) -> Vec<Block> {
    let mut out = Composer {
        language,
        paper,
        blocks: Vec::new(),
    };
    match document {
        Document::Sale(sale) => out.sale(sale),
        Document::Refund(refund) => out.refund(refund),
        Document::Report(report) => out.report(report),
        Document::Kyc(slip) => out.kyc(slip),
        Document::Calibration => out.calibration(),
    }
    out.blocks
}

/// Day and time as a Tunisian reads them, in Africa/Tunis.
pub fn format_time(time: DateTime<Utc>) -> String {
    time.with_timezone(&Tunis)
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

struct Composer {
    language: Language,
    paper: Paper,
    blocks: Vec<Block>,
}

impl Composer {
    fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    fn words(&self, label: Label) -> Vec<String> {
        self.language
            .words(label)
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    fn labelled(&mut self, label: Label, value: impl Into<String>) {
        let words = self.words(label);
        self.push(Block::row(words, value));
    }

    fn title(&mut self, label: Label, number: &str) {
        // Isolated left-to-right: after an Arabic word the bidi algorithm would otherwise turn
        // "2026-000142" into two Arabic numbers shown as "000142-2026".
        let title = format!("{} \u{2066}{number}\u{2069}", self.language.inline(label));
        self.push(Block::text(title, TextSize::Large, Placement::Center));
    }

    fn header(&mut self, shop: &ShopHeader) {
        if !shop.name.trim().is_empty() {
            self.push(Block::text(&shop.name, TextSize::Large, Placement::Center));
        }
        for line in &shop.lines {
            self.push(Block::text(line, TextSize::Normal, Placement::Center));
        }
        self.push(Block::Rule);
    }

    fn footer(&mut self, footer: &[String]) {
        if footer.is_empty() {
            return;
        }
        self.push(Block::Rule);
        for line in footer {
            self.push(Block::text(line, TextSize::Normal, Placement::Center));
        }
    }

    fn money(&self, millimes: i64) -> String {
        let currency = match self.language {
            Language::Ar => self.language.inline(Label::Currency),
            _ => self
                .language
                .words(Label::Currency)
                .last()
                .map_or("", |c| c)
                .to_owned(),
        };
        format!("{} {currency}", format_millimes(millimes))
    }

    fn lines(&mut self, lines: &[ReceiptLine]) {
        let quantity = self.language.inline(Label::Quantity);
        for line in lines {
            let label = match line.quantity {
                Some(n) if n != 1 => format!("{}\n{quantity} {n}", line.label),
                _ => line.label.clone(),
            };
            self.push(Block::row(vec![label], format_millimes(line.amount)));
        }
    }

    fn total(&mut self, total: i64) {
        let value = self.money(total);
        self.push(Block::Row {
            label: self.words(Label::Total),
            value,
            size: TextSize::Large,
        });
    }

    fn copy_mark(&mut self, copy: bool) {
        if copy {
            let words = self.language.inline(Label::Copy);
            self.push(Block::text(words, TextSize::Large, Placement::Center));
        }
    }

    fn sale(&mut self, sale: &SaleReceipt) {
        self.header(&sale.shop);
        self.title(Label::Receipt, &sale.receipt_number);
        self.copy_mark(sale.copy);
        self.labelled(Label::Date, format_time(sale.time));
        if let Some(till) = &sale.till {
            self.labelled(Label::Till, till.as_str());
        }
        self.push(Block::Rule);
        self.lines(&sale.lines);
        self.push(Block::Rule);
        self.total(sale.total);
        self.labelled(Label::Method, sale.method.as_str());
        if let Some(cash) = sale.cash {
            self.labelled(Label::Tendered, format_millimes(cash.tendered));
            self.labelled(Label::Change, format_millimes(cash.change));
        }
        if let Some(reference) = &sale.reference {
            self.labelled(Label::Reference, reference.as_str());
        }
        if let Some(escrow) = &sale.escrow_reference {
            self.labelled(Label::EscrowReference, escrow.as_str());
        }
        if let Some(payload) = &sale.qr_payload {
            self.push(Block::Space(12));
            self.push(Block::Qr(payload.clone()));
        }
        self.footer(&sale.footer);
    }

    fn refund(&mut self, refund: &RefundReceipt) {
        self.header(&refund.shop);
        self.title(Label::Refund, &refund.refund_number);
        self.copy_mark(refund.copy);
        self.labelled(Label::RefundOf, refund.original_receipt.as_str());
        self.labelled(Label::Date, format_time(refund.time));
        if let Some(till) = &refund.till {
            self.labelled(Label::Till, till.as_str());
        }
        self.push(Block::Rule);
        self.lines(&refund.lines);
        self.push(Block::Rule);
        self.total(-refund.total.abs());
        self.labelled(Label::Method, refund.method.as_str());
        if let Some(reason) = &refund.reason {
            self.labelled(Label::Reason, reason.as_str());
        }
        self.footer(&refund.footer);
    }

    fn report(&mut self, report: &Report) {
        self.header(&report.shop);
        self.push(Block::text(
            &report.title,
            TextSize::Large,
            Placement::Center,
        ));
        self.push(Block::text(
            &report.period,
            TextSize::Normal,
            Placement::Center,
        ));
        self.labelled(Label::Date, format_time(report.printed_at));
        for section in &report.sections {
            self.push(Block::Rule);
            if let Some(heading) = &section.heading {
                self.push(Block::text(heading, TextSize::Normal, Placement::Start));
            }
            for row in &section.rows {
                self.push(Block::row(vec![row.label.clone()], row.value.as_str()));
            }
        }
        self.footer(&report.footer);
    }

    fn kyc(&mut self, slip: &KycSlip) {
        self.header(&slip.shop);
        let title = self.language.words(Label::KycTitle).join("\n");
        self.push(Block::text(title, TextSize::Large, Placement::Center));
        if let Some(name) = &slip.name {
            self.labelled(Label::Name, name.as_str());
        }
        if let Some(email) = &slip.email {
            self.labelled(Label::Email, email.as_str());
        }
        self.labelled(Label::Date, format_time(slip.time));
        // DHMAD e-mails the verification link itself and never returns it; the code leads to
        // the account the verification is linked to.
        let emailed = self.language.words(Label::KycEmailed).join("\n");
        self.push(Block::text(emailed, TextSize::Normal, Placement::Center));
        self.push(Block::Space(12));
        self.push(Block::Qr(slip.link.clone()));
        let scan = self.language.words(Label::KycScan).join("\n");
        self.push(Block::text(scan, TextSize::Normal, Placement::Center));
    }

    fn calibration(&mut self) {
        let title = self.language.words(Label::Calibration).join("\n");
        self.push(Block::text(title, TextSize::Large, Placement::Center));
        self.push(Block::Ruler);
        let width = format!(
            "{} mm · {} dots",
            self.paper.millimetres(),
            self.paper.dots()
        );
        self.labelled(Label::Width, width);
        self.push(Block::text(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ\nabcdefghijklmnopqrstuvwxyz 0123456789\nÀÂÇÉÈÊËÎÏÔÙÛÜ àâçéèêëîïôùûü €",
            TextSize::Normal,
            Placement::Center,
        ));
        self.push(Block::text(
            "أبجد هوز حطي كلمن سعفص قرشت ثخذ ضظغ\nالدفع نقدا: 12.500 دينار",
            TextSize::Normal,
            Placement::Center,
        ));
        self.push(Block::Rule);
        self.push(Block::Ruler);
    }
}
