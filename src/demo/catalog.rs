//! The pharmacy's catalogue, stores, channels and payment methods, with Lima 2026 shelf prices.

use crate::model::Dataset;

/// What a product is bought for; decides which visits put it in the basket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Group {
    /// Monthly treatment of a chronic patient.
    Chronic,
    /// Short illness: pain, infection, allergy, stomach.
    Acute,
    /// Colds and flu: sold mostly in Lima's winter (May–September).
    Respiratory,
    /// Diapers, wipes, formula.
    Baby,
    /// Vitamins and supplements.
    Preventive,
    /// Hygiene and sun care, also the impulse add-ons at the counter.
    Care,
}

/// One product line of the catalogue.
pub(super) struct Product {
    pub name: &'static str,
    /// Index into [`CATEGORIES`].
    pub category: usize,
    pub group: Group,
    /// Shelf price in soles.
    pub price: f64,
    /// Purchase cost as a share of the price.
    pub cost_ratio: f64,
}

/// Product categories as the POS names them.
pub(super) const CATEGORIES: &[&str] = &[
    "Genérico Rx",
    "Marca Rx",
    "OTC",
    "Bebé",
    "Vitaminas",
    "Cuidado personal",
];

const GENERIC: usize = 0;
const BRAND: usize = 1;
const OTC: usize = 2;
const BABY: usize = 3;
const VITAMINS: usize = 4;
const CARE: usize = 5;

const fn p(
    name: &'static str,
    category: usize,
    group: Group,
    price: f64,
    cost_ratio: f64,
) -> Product {
    Product {
        name,
        category,
        group,
        price,
        cost_ratio,
    }
}

/// The catalogue. Brand-name chronic drugs cost several times their generics, as in Lima.
pub(super) const PRODUCTS: &[Product] = &[
    p(
        "Losartán 50 mg x 30 tab",
        GENERIC,
        Group::Chronic,
        18.0,
        0.50,
    ),
    p(
        "Metformina 850 mg x 30 tab",
        GENERIC,
        Group::Chronic,
        12.5,
        0.50,
    ),
    p(
        "Atorvastatina 20 mg x 30 tab",
        GENERIC,
        Group::Chronic,
        24.0,
        0.50,
    ),
    p(
        "Enalapril 10 mg x 30 tab",
        GENERIC,
        Group::Chronic,
        9.5,
        0.50,
    ),
    p(
        "Amlodipino 5 mg x 30 tab",
        GENERIC,
        Group::Chronic,
        11.0,
        0.50,
    ),
    p(
        "Omeprazol 20 mg x 30 cáps",
        GENERIC,
        Group::Chronic,
        10.0,
        0.45,
    ),
    p(
        "Levotiroxina 100 mcg x 50 tab",
        BRAND,
        Group::Chronic,
        38.0,
        0.72,
    ),
    p(
        "Glucophage XR 750 mg x 30 tab",
        BRAND,
        Group::Chronic,
        62.0,
        0.75,
    ),
    p("Cozaar 50 mg x 30 tab", BRAND, Group::Chronic, 115.0, 0.78),
    p("Lipitor 20 mg x 30 tab", BRAND, Group::Chronic, 145.0, 0.78),
    p(
        "Insulina glargina 100 UI/ml lapicero",
        BRAND,
        Group::Chronic,
        98.0,
        0.80,
    ),
    p(
        "Tiras reactivas glucosa x 50",
        OTC,
        Group::Chronic,
        75.0,
        0.70,
    ),
    p(
        "Paracetamol 500 mg x 20 tab",
        GENERIC,
        Group::Acute,
        5.5,
        0.45,
    ),
    p(
        "Ibuprofeno 400 mg x 20 tab",
        GENERIC,
        Group::Acute,
        8.0,
        0.45,
    ),
    p(
        "Naproxeno 550 mg x 10 tab",
        GENERIC,
        Group::Acute,
        9.0,
        0.45,
    ),
    p(
        "Amoxicilina 500 mg x 21 cáps",
        GENERIC,
        Group::Acute,
        16.0,
        0.50,
    ),
    p(
        "Azitromicina 500 mg x 3 tab",
        GENERIC,
        Group::Acute,
        19.0,
        0.50,
    ),
    p(
        "Loratadina 10 mg x 10 tab",
        GENERIC,
        Group::Acute,
        6.5,
        0.45,
    ),
    p("Suero oral 500 ml", OTC, Group::Acute, 7.0, 0.60),
    p("Diclofenaco gel 50 g", OTC, Group::Acute, 18.0, 0.60),
    p(
        "Buscapina compositum x 10 tab",
        BRAND,
        Group::Acute,
        24.5,
        0.72,
    ),
    p(
        "Panadol Antigripal x 12 tab",
        OTC,
        Group::Respiratory,
        14.5,
        0.65,
    ),
    p(
        "Antigripal noche x 10 sobres",
        OTC,
        Group::Respiratory,
        19.9,
        0.65,
    ),
    p(
        "Jarabe para la tos 120 ml",
        OTC,
        Group::Respiratory,
        22.0,
        0.62,
    ),
    p(
        "Ambroxol jarabe 120 ml",
        GENERIC,
        Group::Respiratory,
        12.0,
        0.50,
    ),
    p(
        "Salbutamol inhalador 100 mcg",
        GENERIC,
        Group::Respiratory,
        21.0,
        0.55,
    ),
    p("Vick VapoRub 50 g", OTC, Group::Respiratory, 16.5, 0.68),
    p(
        "Mascarillas KN95 x 10",
        CARE,
        Group::Respiratory,
        25.0,
        0.55,
    ),
    p(
        "Pañales Huggies Natural Care G x 50",
        BABY,
        Group::Baby,
        62.9,
        0.82,
    ),
    p("Toallitas húmedas x 80", BABY, Group::Baby, 11.9, 0.70),
    p("Leche NAN 2 800 g", BABY, Group::Baby, 89.9, 0.85),
    p("Aceite para bebé 200 ml", BABY, Group::Baby, 17.5, 0.65),
    p("Shampoo para bebé 400 ml", BABY, Group::Baby, 19.9, 0.65),
    p("Crema antipañalitis 60 g", BABY, Group::Baby, 23.0, 0.62),
    p(
        "Vitamina C 1 g x 10 efervescentes",
        VITAMINS,
        Group::Preventive,
        15.0,
        0.55,
    ),
    p(
        "Multivitamínico x 30 tab",
        VITAMINS,
        Group::Preventive,
        45.0,
        0.60,
    ),
    p("Omega 3 x 60 cáps", VITAMINS, Group::Preventive, 55.0, 0.60),
    p(
        "Calcio + vitamina D x 60 tab",
        VITAMINS,
        Group::Preventive,
        39.0,
        0.58,
    ),
    p(
        "Protector solar FPS 50 120 ml",
        CARE,
        Group::Preventive,
        69.0,
        0.65,
    ),
    p("Pasta dental 90 g", CARE, Group::Care, 7.5, 0.70),
    p("Alcohol gel 500 ml", CARE, Group::Care, 12.0, 0.60),
    p("Jabón antibacterial x 3", CARE, Group::Care, 9.9, 0.68),
    p("Cepillo dental", CARE, Group::Care, 6.0, 0.55),
];

/// The two stores of the neighbourhood chain; the first is the main one.
pub(super) const STORES: &[&str] = &["Jesús María", "Pueblo Libre"];

/// Sales channels with their share among customers' preferred channels.
pub(super) const CHANNELS: &[(&str, u32)] = &[
    ("Mostrador", 74),
    ("Delivery", 15),
    ("Teléfono", 6),
    ("Web", 5),
];

/// Payment methods with their share among customers' usual methods (Yape and Plin are wallets).
pub(super) const PAYMENTS: &[(&str, u32)] = &[
    ("Efectivo", 34),
    ("Yape", 26),
    ("Tarjeta débito", 18),
    ("Tarjeta crédito", 14),
    ("Plin", 8),
];

/// Product indices grouped by [`Group`], built once per generation.
pub(super) struct Catalog {
    groups: [Vec<usize>; 6],
}

impl Catalog {
    /// Indexes [`PRODUCTS`] by group.
    pub fn new() -> Catalog {
        let mut groups: [Vec<usize>; 6] = Default::default();
        for (i, product) in PRODUCTS.iter().enumerate() {
            groups[product.group as usize].push(i);
        }
        Catalog { groups }
    }

    /// Indices of the products of one group.
    pub fn group(&self, group: Group) -> &[usize] {
        &self.groups[group as usize]
    }

    /// Interns products, categories, stores, channels and payments so that dictionary index =
    /// position in the constant tables above.
    pub fn intern_into(&self, data: &mut Dataset) {
        for product in PRODUCTS {
            data.products.intern(product.name);
        }
        for name in CATEGORIES {
            data.categories.intern(name);
        }
        for name in STORES {
            data.stores.intern(name);
        }
        for (name, _) in CHANNELS {
            data.channels.intern(name);
        }
        for (name, _) in PAYMENTS {
            data.payments.intern(name);
        }
    }
}
