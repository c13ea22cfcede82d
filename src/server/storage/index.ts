export { storage, type FileStorage } from "./storage";
