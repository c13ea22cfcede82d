// The pdf.js worker, bundled with the app (no CDN): pdf.js parses the untrusted PDF here, off the UI thread.
import "pdfjs-dist/legacy/build/pdf.worker.min.mjs";
