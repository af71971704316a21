//! The four kinds of input file and the fields a column can be mapped to (DOMAIN.md §1).

use super::Lang;
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

    /// Spanish name for the UI.
    pub fn name_es(self) -> &'static str {
        match self {
            FileKind::Sales => "Ventas",
            FileKind::Customers => "Clientes",
            FileKind::Surveys => "Encuestas",
            FileKind::Complaints => "Quejas",
        }
    }

    /// English name for the UI.
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
        let (es, en) = match self {
            Expectation(d) => return format!("{} {d}", lang.pick("Expectativa", "Expectation")),
            Perception(d) => return format!("{} {d}", lang.pick("Percepción", "Perception")),
            CustomerId => ("Cliente (código)", "Customer id"),
            Date => ("Fecha", "Date"),
            Amount => ("Importe", "Amount"),
            Ticket => ("Boleta / ticket", "Ticket / receipt"),
            Product => ("Producto", "Product"),
            Category => ("Categoría", "Category"),
            Quantity => ("Cantidad", "Quantity"),
            Cost => ("Costo", "Cost"),
            Margin => ("Margen", "Margin"),
            Store => ("Local", "Store"),
            Channel => ("Canal", "Channel"),
            Payment => ("Forma de pago", "Payment method"),
            Name => ("Nombre", "Name"),
            Document => ("Documento (DNI)", "Document id"),
            Phone => ("Teléfono", "Phone"),
            Email => ("Correo", "E-mail"),
            BirthDate => ("Fecha de nacimiento", "Birth date"),
            Age => ("Edad", "Age"),
            Sex => ("Sexo", "Sex"),
            District => ("Distrito", "District"),
            Household => ("Hogar", "Household"),
            FamilySize => ("Tamaño de familia", "Family size"),
            IncomeBand => ("Nivel de ingresos", "Income band"),
            PaymentMethod => ("Forma de pago habitual", "Usual payment method"),
            Motive => ("Motivo de compra", "Purchase motive"),
            Insurance => ("Seguro de salud", "Health insurance"),
            PreferredChannel => ("Canal preferido", "Preferred channel"),
            Signup => ("Fecha de alta", "Signup date"),
            Consent => ("Consentimiento de marketing", "Marketing consent"),
            Overall => ("Satisfacción general", "Overall satisfaction"),
            Recommend => ("Recomendaría (0–10)", "Likelihood to recommend (0–10)"),
            Comment => ("Comentario", "Comment"),
            Reason => ("Motivo de la queja", "Complaint reason"),
            Resolved => ("Resuelta", "Resolved"),
        };
        lang.pick(es, en).to_owned()
    }
}
