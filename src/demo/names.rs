//! Peruvian first names, surnames, Lima districts and e-mail domains for the customer file.

/// Common female first names in Lima.
pub(super) const FEMALE: &[&str] = &[
    "María", "Rosa", "Carmen", "Ana", "Lucía", "Julia", "Elena", "Patricia", "Milagros", "Rocío",
    "Gabriela", "Valeria", "Camila", "Fiorella", "Karina", "Sofía", "Jimena", "Flor", "Yolanda",
    "Gladys", "Silvia", "Andrea", "Diana", "Claudia", "Mariela", "Vanessa", "Luz", "Teresa",
    "Pilar", "Ximena", "Nelly", "Maribel", "Giovanna", "Begoña", "Zoila",
];

/// Common male first names in Lima.
pub(super) const MALE: &[&str] = &[
    "José",
    "Luis",
    "Carlos",
    "Juan",
    "Jorge",
    "Miguel",
    "César",
    "Víctor",
    "Manuel",
    "Ricardo",
    "Jesús",
    "Pedro",
    "Alberto",
    "Fernando",
    "Raúl",
    "Óscar",
    "Diego",
    "Renzo",
    "Gonzalo",
    "Martín",
    "Sebastián",
    "Alonso",
    "Javier",
    "Eduardo",
    "Walter",
    "Hugo",
    "Julio",
    "Percy",
    "Gustavo",
    "Álvaro",
    "Iñigo",
    "Wilfredo",
];

/// Frequent Peruvian surnames (Spanish, Quechua and Aymara origin).
pub(super) const SURNAMES: &[&str] = &[
    "Quispe",
    "Flores",
    "Sánchez",
    "Rodríguez",
    "García",
    "Huamán",
    "Rojas",
    "Mendoza",
    "Chávez",
    "Vásquez",
    "Ramírez",
    "Torres",
    "Castillo",
    "Mamani",
    "Díaz",
    "Espinoza",
    "Gutiérrez",
    "López",
    "Pérez",
    "Vargas",
    "Cruz",
    "Romero",
    "Ramos",
    "Salazar",
    "Gonzales",
    "Fernández",
    "Núñez",
    "Peña",
    "Castañeda",
    "Ñique",
    "Zapata",
    "Cárdenas",
    "Paredes",
    "Alvarado",
    "Ríos",
    "Córdova",
    "Villanueva",
    "Medina",
    "Aguilar",
    "Cáceres",
    "Huertas",
    "Ayala",
    "Palacios",
    "Tello",
    "Benavides",
    "Montoya",
    "Yupanqui",
    "Ticona",
    "Chumpitaz",
    "Saavedra",
    "Muñoz",
    "Ibáñez",
];

/// Lima districts with a weight: most customers live near the two stores (Jesús María, Pueblo Libre).
pub(super) const DISTRICTS: &[(&str, u32)] = &[
    ("Jesús María", 22),
    ("Lince", 14),
    ("Pueblo Libre", 14),
    ("Magdalena del Mar", 10),
    ("San Isidro", 6),
    ("Miraflores", 6),
    ("Breña", 6),
    ("San Miguel", 6),
    ("Surco", 5),
    ("San Borja", 5),
    ("Cercado de Lima", 4),
    ("La Victoria", 2),
    ("Surquillo", 2),
    ("Barranco", 1),
    ("Los Olivos", 1),
    ("San Juan de Lurigancho", 1),
];

/// Districts whose residents mostly use the Pueblo Libre store.
pub(super) const NEAR_SECOND_STORE: &[&str] = &["Pueblo Libre", "Magdalena del Mar", "San Miguel"];

/// E-mail providers with a weight.
pub(super) const EMAIL_DOMAINS: &[(&str, u32)] = &[
    ("gmail.com", 60),
    ("hotmail.com", 25),
    ("outlook.com", 8),
    ("yahoo.es", 7),
];

/// Lower-case ASCII form of a name for an e-mail address (`Núñez` → `nunez`).
pub(super) fn ascii_lower(name: &str) -> String {
    name.chars()
        .filter_map(|c| {
            let base = match c {
                'á' | 'Á' => 'a',
                'é' | 'É' => 'e',
                'í' | 'Í' => 'i',
                'ó' | 'Ó' => 'o',
                'ú' | 'Ú' | 'ü' | 'Ü' => 'u',
                'ñ' | 'Ñ' => 'n',
                ' ' => return None,
                c => c.to_ascii_lowercase(),
            };
            Some(base)
        })
        .collect()
}
