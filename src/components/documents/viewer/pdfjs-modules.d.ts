// The worker build has no type declarations; it is imported only for its side effect (pdf.worker.ts).
declare module "pdfjs-dist/legacy/build/pdf.worker.min.mjs";
