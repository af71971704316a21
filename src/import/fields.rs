//! The four kinds of input file and the fields a column can be mapped to (DOMAIN.md §1).

use super::Lang;
use rust_i18n::t;
use serde::{Deserialize, Serialize};

/// The kind of an input file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FileKind {
    /// Sales lines (ventas): the one required file.
    Sales,
    /// Customer records (ficha de clientes).
    Customers,
    /// Satisfaction surveys (encuestas).
    Surveys,
    /// Complaints (quejas).
    Complaints,
}

impl FileKind {
    /// All kinds, in the order the import screen lists them.
    pub const ALL: [FileKind; 4] = [
        FileKind::Sales,
        FileKind::Customers,
        FileKind::Surveys,
        FileKind::Complaints,
    ];

    /// Name in the given language, for the UI.
    pub fn name(self, lang: Lang) -> String {
        let l = lang.code();
        match self {
            FileKind::Sales => t!("import.file_kind.sales", locale = l),
            FileKind::Customers => t!("import.file_kind.customers", locale = l),
            FileKind::Surveys => t!("import.file_kind.surveys", locale = l),
            FileKind::Complaints => t!("import.file_kind.complaints", locale = l),
        }
        .into_owned()
    }

    /// Spanish name, a stable identifier (the value of the import screen's kind picker).
    pub fn name_es(self) -> &'static str {
        match self {
            FileKind::Sales => "Ventas",
            FileKind::Customers => "Clientes",
            FileKind::Surveys => "Encuestas",
            FileKind::Complaints => "Quejas",
        }
    }

    /// English name, a stable identifier (the `kind` of the command line's JSON summary).
    pub fn name_en(self) -> &'static str {
        match self {
            FileKind::Sales => "Sales",
            FileKind::Customers => "Customers",
            FileKind::Surveys => "Surveys",
            FileKind::Complaints => "Complaints",
        }
    }

    /// Fields without which a file of this kind cannot be imported.
    pub fn required(self) -> &'static [Field] {
        match self {
            FileKind::Sales => &[Field::CustomerId, Field::Date, Field::Amount],
            FileKind::Customers => &[Field::CustomerId],
            FileKind::Surveys => &[Field::CustomerId, Field::Date, Field::Overall],
            FileKind::Complaints => &[Field::CustomerId, Field::Date],
        }
    }

    /// The fields a column of this kind of file can be mapped to (for the mapping editor's
    /// drop-downs). SERVQUAL expectation/perception fields take their dimension from the header
    /// and are not listed.
    pub fn fields(self) -> &'static [Field] {
        use Field::*;
        match self {
            FileKind::Sales => &[
                CustomerId, Date, Amount, Ticket, Product, Category, Quantity, Cost, Margin, Store,
                Channel, Payment,
            ],
            FileKind::Customers => &[
                CustomerId,
                Name,
                Document,
                Phone,
                Email,
                BirthDate,
                Age,
                Sex,
                District,
                Household,
                FamilySize,
                IncomeBand,
                PaymentMethod,
                Motive,
                Insurance,
                PreferredChannel,
                Signup,
                Consent,
            ],
            FileKind::Surveys => &[CustomerId, Date, Overall, Recommend, Comment],
            FileKind::Complaints => &[CustomerId, Date, Reason, Resolved],
        }
    }
}

/// What a column holds. Each kind of file uses the subset given by [`FileKind::fields`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    /// Customer id (text; leading zeros kept).
    CustomerId,
    /// Date of the sale, survey or complaint.
    Date,
    /// Net amount of a sales line (negative for returns).
    Amount,
    /// Ticket / receipt id.
    Ticket,
    /// Product name or code.
    Product,
    /// Product category.
    Category,
    /// Units sold.
    Quantity,
    /// Cost of the line (margin = amount − cost).
    Cost,
    /// Gross margin of the line.
    Margin,
    /// Store / branch.
    Store,
    /// Sales channel.
    Channel,
    /// Payment method of the sale.
    Payment,
    /// Customer's full name.
    Name,
    /// National document (DNI).
    Document,
    /// Phone number.
    Phone,
    /// E-mail address.
    Email,
    /// Birth date.
    BirthDate,
    /// Age in years.
    Age,
    /// Sex.
    Sex,
    /// District of residence.
    District,
    /// Individual or family household.
    Household,
    /// Number of people in the household.
    FamilySize,
    /// Income band.
    IncomeBand,
    /// The customer's usual payment method.
    PaymentMethod,
    /// Purchase motive (acute, chronic, preventive).
    Motive,
    /// Health insurance.
    Insurance,
    /// Preferred channel.
    PreferredChannel,
    /// Signup date.
    Signup,
    /// Marketing consent (yes/no).
    Consent,
    /// Overall satisfaction score.
    Overall,
    /// Likelihood to recommend, 0–10.
    Recommend,
    /// SERVQUAL expectation score for the named dimension.
    Expectation(String),
    /// SERVQUAL perception score for the named dimension.
    Perception(String),
    /// Free-text survey comment.
    Comment,
    /// Complaint reason.
    Reason,
    /// Whether the complaint was resolved.
    Resolved,
}

impl Field {
    /// Spanish name for the UI and messages.
    pub fn name_es(&self) -> String {
        self.name(Lang::Es)
    }

    /// English name for the UI and messages.
    pub fn name_en(&self) -> String {
        self.name(Lang::En)
    }

    /// Name in the given language.
    pub fn name(&self, lang: Lang) -> String {
        use Field::*;
        let l = lang.code();
        match self {
            Expectation(d) => t!("import.field.expectation", locale = l, dimension = d),
            Perception(d) => t!("import.field.perception", locale = l, dimension = d),
            CustomerId => t!("import.field.customer_id", locale = l),
            Date => t!("import.field.date", locale = l),
            Amount => t!("import.field.amount", locale = l),
            Ticket => t!("import.field.ticket", locale = l),
            Product => t!("import.field.product", locale = l),
            Category => t!("import.field.category", locale = l),
            Quantity => t!("import.field.quantity", locale = l),
            Cost => t!("import.field.cost", locale = l),
            Margin => t!("import.field.margin", locale = l),
            Store => t!("import.field.store", locale = l),
            Channel => t!("import.field.channel", locale = l),
            Payment => t!("import.field.payment", locale = l),
            Name => t!("import.field.name", locale = l),
            Document => t!("import.field.document", locale = l),
            Phone => t!("import.field.phone", locale = l),
            Email => t!("import.field.email", locale = l),
            BirthDate => t!("import.field.birth_date", locale = l),
            Age => t!("import.field.age", locale = l),
            Sex => t!("import.field.sex", locale = l),
            District => t!("import.field.district", locale = l),
            Household => t!("import.field.household", locale = l),
            FamilySize => t!("import.field.family_size", locale = l),
            IncomeBand => t!("import.field.income_band", locale = l),
            PaymentMethod => t!("import.field.payment_method", locale = l),
            Motive => t!("import.field.motive", locale = l),
            Insurance => t!("import.field.insurance", locale = l),
            PreferredChannel => t!("import.field.preferred_channel", locale = l),
            Signup => t!("import.field.signup", locale = l),
            Consent => t!("import.field.consent", locale = l),
            Overall => t!("import.field.overall", locale = l),
            Recommend => t!("import.field.recommend", locale = l),
            Comment => t!("import.field.comment", locale = l),
            Reason => t!("import.field.reason", locale = l),
            Resolved => t!("import.field.resolved", locale = l),
        }
        .into_owned()
    }
}
