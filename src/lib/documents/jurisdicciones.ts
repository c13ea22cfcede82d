/**
 * The 24 IIBB jurisdictions (Convenio Multilateral codes 901–924) and the spellings invoices use
 * for them ("Cdad Auton BsAs", "C.A.B.A", "Cap. Fed.", "Bs.As.", "ARBA", …). Perceptions carry the
 * canonical `name`; `jurisdiccionOf` maps a printed label to it (null when none is recognised).
 */
export const JURISDICCIONES = [
  { code: 901, name: "CABA", aliases: /\b(c\.?\s?a\.?\s?b\.?\s?a\.?|cdad\.?\s*aut[oó]n\w*|ciudad\s+aut[oó]noma|ciudad\s+de\s+buenos\s+aires|cap\w*\.?\s*fed\w*|c\.\s?f\.|agip)(?![a-z])/i },
  { code: 902, name: "Buenos Aires", aliases: /\b(bs\.?\s?as\.?|buenos\s+aires|bue\.?|pcia\.?\s*(?:de\s+)?b|prov\w*\.?\s*(?:de\s+)?b|arba|p\.\s?b\.\s?a\.?)(?![a-z])/i },
  { code: 903, name: "Catamarca", aliases: /catamarca/i },
  { code: 904, name: "Córdoba", aliases: /c[oó]rdoba|\bcba\b|\bcord\b/i },
  { code: 905, name: "Corrientes", aliases: /corrientes|\bctes\b/i },
  { code: 906, name: "Chaco", aliases: /chaco/i },
  { code: 907, name: "Chubut", aliases: /chubut/i },
  { code: 908, name: "Entre Ríos", aliases: /entre\s+r[ií]os|\be\.?\s?r[ií]os/i },
  { code: 909, name: "Formosa", aliases: /formosa/i },
  { code: 910, name: "Jujuy", aliases: /jujuy/i },
  { code: 911, name: "La Pampa", aliases: /la\s+pampa/i },
  { code: 912, name: "La Rioja", aliases: /la\s+rioja/i },
  { code: 913, name: "Mendoza", aliases: /mendoza|\bmza\b/i },
  { code: 914, name: "Misiones", aliases: /misiones/i },
  { code: 915, name: "Neuquén", aliases: /neuqu[eé]n|\bnqn\b/i },
  { code: 916, name: "Río Negro", aliases: /r[ií]o\s+negro/i },
  { code: 917, name: "Salta", aliases: /salta/i },
  { code: 918, name: "San Juan", aliases: /san\s+juan/i },
  { code: 919, name: "San Luis", aliases: /san\s+luis/i },
  { code: 920, name: "Santa Cruz", aliases: /santa\s+cruz/i },
  { code: 921, name: "Santa Fe", aliases: /santa\s+f[eé]|\bsta\.?\s*fe\b/i },
  { code: 922, name: "Santiago del Estero", aliases: /santiago\s+del\s+estero|sgo\.?\s*del\s+estero/i },
  { code: 923, name: "Tierra del Fuego", aliases: /tierra\s+del\s+fuego|\bt\.?\s?d\.?\s?f\.?\b/i },
  { code: 924, name: "Tucumán", aliases: /tucum[aá]n/i },
] as const;

/** The canonical jurisdiction a printed label names; CABA wins over Buenos Aires ("Cdad Auton BsAs"). */
export function jurisdiccionOf(label: string): string | null {
  for (const j of JURISDICCIONES) if (j.aliases.test(label)) return j.name;
  return null;
}
