//! Header synonyms in Spanish and English, compared after [`normalize`] (accents, case and
//! punctuation ignored).

use super::{Field, FileKind};

/// Lower-cases, removes accents, and turns every run of other characters into one `_`
/// (`"Fecha de Venta"` → `"fecha_de_venta"`, `"Monto (S/)"` → `"monto_s"`, `"Nº Boleta"` → `"n_boleta"`).
pub fn normalize(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    for c in header.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'á' | 'à' | 'ä' | 'â' | 'ã' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' | 'õ' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            'º' | '°' | 'ª' => continue,
            c if c.is_ascii_alphanumeric() => c,
            _ => '_',
        };
        if c == '_' && (out.is_empty() || out.ends_with('_')) {
            continue;
        }
        out.push(c);
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

/// Exact synonyms (normalized) of a field, then the keywords a header's first word may start
/// with when no exact synonym matched.
pub(crate) fn synonyms(
    kind: FileKind,
    field: &Field,
) -> (&'static [&'static str], &'static [&'static str]) {
    use Field::*;
    match field {
        CustomerId => (
            &[
                "cliente",
                "cod_cliente",
                "codigo_cliente",
                "id_cliente",
                "cliente_id",
                "idcliente",
                "codcliente",
                "cod_cli",
                "codcli",
                "nro_cliente",
                "num_cliente",
                "numero_cliente",
                "n_cliente",
                "socio",
                "cod_socio",
                "id_socio",
                "customer",
                "customer_id",
                "customerid",
                "customer_code",
                "client",
                "client_id",
                "member_id",
                "tarjeta_cliente",
            ],
            &["cliente", "customer", "client"],
        ),
        Date => (
            match kind {
                FileKind::Surveys => &[
                    "fecha",
                    "fecha_encuesta",
                    "fecha_respuesta",
                    "fecha_de_encuesta",
                    "date",
                    "survey_date",
                    "response_date",
                ],
                FileKind::Complaints => &[
                    "fecha",
                    "fecha_queja",
                    "fecha_reclamo",
                    "fecha_de_queja",
                    "fecha_registro",
                    "date",
                    "complaint_date",
                ],
                _ => &[
                    "fecha",
                    "fecha_venta",
                    "fecha_de_venta",
                    "fecha_compra",
                    "fecha_de_compra",
                    "fecha_emision",
                    "fecha_de_emision",
                    "fec_venta",
                    "fecha_doc",
                    "fecha_documento",
                    "fecha_boleta",
                    "dia",
                    "date",
                    "sale_date",
                    "purchase_date",
                    "order_date",
                    "transaction_date",
                    "invoice_date",
                ],
            },
            &["fecha", "date", "fec"],
        ),
        Amount => (
            &[
                "importe",
                "monto",
                "total",
                "importe_total",
                "monto_total",
                "total_venta",
                "venta_total",
                "venta",
                "ventas",
                "valor",
                "valor_venta",
                "precio_total",
                "importe_neto",
                "monto_neto",
                "neto",
                "total_neto",
                "amount",
                "total_amount",
                "sales",
                "sale_amount",
                "net_amount",
                "revenue",
                "line_total",
            ],
            &["importe", "monto", "total", "amount"],
        ),
        Ticket => (
            &[
                "boleta",
                "ticket",
                "nro_boleta",
                "num_boleta",
                "numero_boleta",
                "n_boleta",
                "comprobante",
                "nro_comprobante",
                "numero_comprobante",
                "n_comprobante",
                "factura",
                "nro_factura",
                "recibo",
                "receipt",
                "receipt_id",
                "invoice",
                "invoice_id",
                "pedido",
                "nro_pedido",
                "order",
                "order_id",
                "transaccion",
                "transaction",
                "transaction_id",
                "nro_ticket",
                "ticket_id",
                "operacion",
                "nro_operacion",
            ],
            &[
                "boleta",
                "ticket",
                "comprobante",
                "factura",
                "recibo",
                "receipt",
                "invoice",
                "pedido",
                "transac",
            ],
        ),
        Product => (
            &[
                "producto",
                "cod_producto",
                "codigo_producto",
                "id_producto",
                "articulo",
                "item",
                "sku",
                "descripcion",
                "descripcion_producto",
                "nombre_producto",
                "medicamento",
                "product",
                "product_id",
                "product_name",
            ],
            &["producto", "articulo", "product", "sku"],
        ),
        Category => (
            &[
                "categoria",
                "category",
                "familia",
                "linea",
                "rubro",
                "tipo_producto",
                "clase",
                "grupo",
                "subcategoria",
            ],
            &["categor", "familia", "linea", "rubro"],
        ),
        Quantity => (
            &[
                "cantidad", "cant", "unidades", "uds", "qty", "quantity", "units",
            ],
            &["cantidad", "cant", "unidades", "quantity", "qty"],
        ),
        Cost => (
            &[
                "costo",
                "coste",
                "costo_total",
                "costo_venta",
                "cost",
                "total_cost",
                "cogs",
            ],
            &["costo", "coste", "cost"],
        ),
        Margin => (
            &[
                "margen",
                "margen_bruto",
                "utilidad",
                "ganancia",
                "margin",
                "gross_margin",
                "profit",
            ],
            &["margen", "margin", "utilidad", "ganancia", "profit"],
        ),
        Store => (
            &[
                "local",
                "tienda",
                "sucursal",
                "sede",
                "botica",
                "farmacia",
                "establecimiento",
                "punto_venta",
                "punto_de_venta",
                "pdv",
                "store",
                "branch",
                "shop",
            ],
            &["local", "tienda", "sucursal", "sede", "store", "branch"],
        ),
        Channel => (
            &[
                "canal",
                "canal_venta",
                "canal_de_venta",
                "channel",
                "sales_channel",
            ],
            &["canal", "channel"],
        ),
        Payment | PaymentMethod => (
            &[
                "forma_pago",
                "forma_de_pago",
                "medio_pago",
                "medio_de_pago",
                "metodo_pago",
                "metodo_de_pago",
                "tipo_pago",
                "tipo_de_pago",
                "pago",
                "payment",
                "payment_method",
                "payment_type",
            ],
            &["pago", "payment"],
        ),
        Name => (
            &[
                "nombre",
                "nombres",
                "nombre_cliente",
                "nombre_completo",
                "apellidos_y_nombres",
                "nombres_y_apellidos",
                "razon_social",
                "name",
                "full_name",
                "customer_name",
                "client_name",
            ],
            &["nombre", "name"],
        ),
        Document => (
            &[
                "dni",
                "documento",
                "nro_documento",
                "num_documento",
                "numero_documento",
                "n_documento",
                "doc",
                "doc_identidad",
                "documento_identidad",
                "ruc",
                "carnet_extranjeria",
                "document",
                "document_id",
                "national_id",
                "id_number",
            ],
            &["dni", "documento", "document"],
        ),
        Phone => (
            &[
                "telefono",
                "celular",
                "movil",
                "tel",
                "telf",
                "nro_telefono",
                "numero_telefono",
                "nro_celular",
                "whatsapp",
                "phone",
                "mobile",
                "cell",
                "phone_number",
            ],
            &["telefono", "celular", "movil", "phone", "mobile"],
        ),
        Email => (
            &[
                "email",
                "e_mail",
                "correo",
                "correo_electronico",
                "mail",
                "email_address",
            ],
            &["correo", "email", "mail"],
        ),
        BirthDate => (
            &[
                "fecha_nacimiento",
                "fecha_de_nacimiento",
                "fec_nac",
                "f_nac",
                "f_nacimiento",
                "nacimiento",
                "cumpleanos",
                "birth_date",
                "birthdate",
                "date_of_birth",
                "dob",
                "birthday",
            ],
            &["nacimiento", "birth"],
        ),
        Age => (&["edad", "age", "anos"], &["edad", "age"]),
        Sex => (
            &["sexo", "genero", "sex", "gender"],
            &["sexo", "genero", "sex", "gender"],
        ),
        District => (
            &[
                "distrito",
                "district",
                "localidad",
                "zona",
                "barrio",
                "urbanizacion",
                "neighbourhood",
                "neighborhood",
            ],
            &["distrito", "district"],
        ),
        Household => (
            &[
                "hogar",
                "tipo_hogar",
                "tipo_de_hogar",
                "composicion_familiar",
                "household",
                "household_type",
            ],
            &["hogar", "household"],
        ),
        FamilySize => (
            &[
                "tamano_familia",
                "tamano_hogar",
                "tamano_de_familia",
                "miembros_familia",
                "n_miembros",
                "nro_miembros",
                "num_miembros",
                "integrantes",
                "personas_hogar",
                "family_size",
                "household_size",
            ],
            &["miembros", "integrantes"],
        ),
        IncomeBand => (
            &[
                "nivel_socioeconomico",
                "nse",
                "nivel_ingresos",
                "nivel_de_ingresos",
                "rango_ingresos",
                "ingresos",
                "income",
                "income_band",
                "income_level",
            ],
            &["ingreso", "income", "nse"],
        ),
        Motive => (
            &[
                "motivo_compra",
                "motivo_de_compra",
                "tipo_compra",
                "motivo",
                "tipo_paciente",
                "purchase_motive",
                "motive",
            ],
            &["motivo", "motive"],
        ),
        Insurance => (
            &[
                "seguro",
                "seguro_salud",
                "seguro_de_salud",
                "tipo_seguro",
                "aseguradora",
                "insurance",
                "health_insurance",
            ],
            &["seguro", "insurance"],
        ),
        PreferredChannel => (
            &[
                "canal_preferido",
                "canal_preferente",
                "canal",
                "preferred_channel",
                "channel",
            ],
            &["canal", "channel"],
        ),
        Signup => (
            &[
                "fecha_alta",
                "fecha_de_alta",
                "fecha_registro",
                "fecha_de_registro",
                "fecha_afiliacion",
                "fecha_inscripcion",
                "fecha_creacion",
                "alta",
                "registro",
                "cliente_desde",
                "signup",
                "signup_date",
                "registration_date",
                "member_since",
                "created_at",
            ],
            &["alta", "registro", "afiliacion", "signup"],
        ),
        Consent => (
            &[
                "consentimiento",
                "acepta_marketing",
                "acepta_publicidad",
                "acepta_comunicaciones",
                "autoriza",
                "autoriza_publicidad",
                "autorizacion",
                "permiso",
                "opt_in",
                "optin",
                "consent",
                "marketing_consent",
            ],
            &["consentimiento", "consent", "autoriza", "acepta", "optin"],
        ),
        Overall => (
            &[
                "satisfaccion",
                "satisfaccion_general",
                "satisfaccion_global",
                "nivel_satisfaccion",
                "nivel_de_satisfaccion",
                "calificacion",
                "puntuacion",
                "puntaje",
                "nota",
                "valoracion",
                "overall",
                "overall_satisfaction",
                "satisfaction",
                "csat",
                "score",
                "rating",
            ],
            &[
                "satisfac",
                "calificacion",
                "puntuacion",
                "puntaje",
                "overall",
                "csat",
                "rating",
            ],
        ),
        Recommend => (
            &[
                "recomendaria",
                "recomendacion",
                "probabilidad_recomendar",
                "recomienda",
                "nps",
                "likelihood_to_recommend",
                "recommend",
                "would_recommend",
                "ltr",
            ],
            &["recomend", "recommend", "nps"],
        ),
        Comment => (
            &[
                "comentario",
                "comentarios",
                "observacion",
                "observaciones",
                "sugerencia",
                "sugerencias",
                "comment",
                "comments",
                "feedback",
                "remarks",
                "notes",
            ],
            &["coment", "observ", "sugeren", "comment", "feedback"],
        ),
        Reason => (
            &[
                "motivo",
                "motivo_queja",
                "motivo_reclamo",
                "queja",
                "reclamo",
                "descripcion",
                "detalle",
                "tipo_queja",
                "tipo_reclamo",
                "asunto",
                "reason",
                "complaint",
                "issue",
                "subject",
                "description",
            ],
            &["motivo", "queja", "reclamo", "reason", "complaint"],
        ),
        Resolved => (
            &[
                "resuelto",
                "resuelta",
                "solucionado",
                "solucionada",
                "atendido",
                "estado",
                "cerrado",
                "resolved",
                "solved",
                "closed",
                "status",
            ],
            &["resuel", "soluc", "resolved", "solved"],
        ),
        Expectation(_) | Perception(_) => (&[], &[]),
    }
}

/// A SERVQUAL column: `E_fiabilidad`, `Exp. Tangibles`, `expectativa_empatia` → expectation of the
/// dimension; `P_…`, `Per …`, `percepcion_…` → perception. The dimension keeps the header's own
/// spelling after the prefix.
pub(crate) fn servqual(header: &str) -> Option<Field> {
    let trimmed = header.trim();
    let split = trimmed.find(['_', ' ', '.', '-', ':'])?;
    let (prefix, rest) = trimmed.split_at(split);
    let dimension = rest.trim_start_matches(['_', ' ', '.', '-', ':']).trim();
    if dimension.is_empty() {
        return None;
    }
    match normalize(prefix).as_str() {
        "e" | "exp" | "expectativa" | "expectativas" | "expectation" | "expectations" => {
            Some(Field::Expectation(dimension.to_owned()))
        }
        "p" | "per" | "perc" | "percepcion" | "percepciones" | "perception" | "perceptions" => {
            Some(Field::Perception(dimension.to_owned()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_accents_case_and_punctuation() {
        assert_eq!(normalize("Fecha de Venta"), "fecha_de_venta");
        assert_eq!(normalize("  Monto (S/) "), "monto_s");
        assert_eq!(normalize("Nº Boleta"), "n_boleta");
        assert_eq!(normalize("CATEGORÍA"), "categoria");
        assert_eq!(normalize("Año"), "ano");
    }

    #[test]
    fn recognises_servqual_pairs() {
        assert_eq!(
            servqual("E_Fiabilidad"),
            Some(Field::Expectation("Fiabilidad".into()))
        );
        assert_eq!(
            servqual("Percepción - Tangibles"),
            Some(Field::Perception("Tangibles".into()))
        );
        assert_eq!(servqual("precio"), None);
        assert_eq!(servqual("P_"), None);
    }
}
