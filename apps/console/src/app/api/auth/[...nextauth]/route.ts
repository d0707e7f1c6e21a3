export { GET, POST } from "~/server/handlers";
