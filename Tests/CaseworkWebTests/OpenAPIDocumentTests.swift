import Testing

@testable import CaseworkWeb

@Suite("The OpenAPI document, assembled from one file per area")
struct OpenAPIDocumentTests {
    @Test("An area's paths go before components and its schemas after the root's")
    func merge() {
        let root = """
            openapi: 3.1.0
            paths:
              /health:
                get:
                  summary: Liveness
            components:
              schemas:
                Problem:
                  type: object

            """
        let area = """
            # Staff records.
            paths:
              /api/v1/staff:
                get:
                  summary: Staff
            schemas:
                Staff:
                  type: object
            """
        let merged = OpenAPIDocument.merge(root: root, areas: [area])
        #expect(merged == """
            openapi: 3.1.0
            paths:
              /health:
                get:
                  summary: Liveness
              /api/v1/staff:
                get:
                  summary: Staff
            components:
              schemas:
                Problem:
                  type: object
                Staff:
                  type: object

            """)
    }

    @Test("An area with nothing to add leaves the root as it was")
    func emptyArea() {
        let root = "openapi: 3.1.0\npaths:\n  /health:\n    get: {}\ncomponents:\n  schemas:\n    Problem:\n      type: object\n"
        #expect(OpenAPIDocument.merge(root: root, areas: ["# Nothing yet.\npaths:\nschemas:\n"]) == root)
    }
}
