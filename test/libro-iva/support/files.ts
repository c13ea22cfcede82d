import { fileBytes, type LibroBook } from "@/server/libro-iva/book";

export const fileBytesOf = (book: LibroBook) => ({ cbte: fileBytes(book.entries.map((e) => e.cbte)), alicuotas: fileBytes(book.entries.flatMap((e) => e.alicuotas)) });
