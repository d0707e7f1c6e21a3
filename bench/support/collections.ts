const SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";

const STATUS_TEST = {
  listen: "test",
  script: { type: "text/javascript", exec: ['pm.test("Status code is 200", () => pm.response.to.have.status(200));'] },
};

/** A Postman Collection v2.1 of `count` GETs to `baseUrl`, each with one small test unless told otherwise. */
export function getCollection(name: string, baseUrl: string, count: number, { withTests = true } = {}): Record<string, unknown> {
  return {
    info: { name, schema: SCHEMA },
    item: Array.from({ length: count }, (_, index) => ({
      name: `Request ${index + 1}`,
      request: { method: "GET", url: `${baseUrl}/items/${index + 1}` },
      event: withTests ? [STATUS_TEST] : [],
    })),
  };
}
