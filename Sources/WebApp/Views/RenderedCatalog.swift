import ContentEngine

/// The catalog with every page already turned into HTML. Built once at start-up (the catalog is immutable),
/// so serving a page only fills in the learner's own parts.
struct RenderedCatalog: Sendable {
    struct RenderedModule: Sendable {
        let module: Module
        let renderer: ContentRenderer
        /// Keyed by "lessonId/pageId".
        let pages: [String: ContentRenderer.RenderedPage]
        let mediaPaths: Set<String>
        /// Reading order, for previous/next links.
        let order: [(lessonId: String, pageId: String)]
        /// How the study load estimate is made up, for the module overview: worked out once here (per request it was
        /// about 30 % of the overview's time in a profile).
        let studyLoadBasis: String

        func rendered(lessonId: String, pageId: String) -> ContentRenderer.RenderedPage? { pages["\(lessonId)/\(pageId)"] }

        /// Position of a page in reading order.
        func index(lessonId: String, pageId: String) -> Int? {
            order.firstIndex { $0.lessonId == lessonId && $0.pageId == pageId }
        }
    }

    let catalog: Catalog
    private let modules: [String: RenderedModule]

    init(catalog: Catalog) {
        self.catalog = catalog
        var modules: [String: RenderedModule] = [:]
        for module in catalog.modules {
            let id = module.id
            let renderer = ContentRenderer(
                module: module,
                links: .init(
                    glossaryEntry: { SiteURL.glossaryEntry(id, $0) },
                    source: { SiteURL.source(id, $0) },
                    media: { SiteURL.media(id, $0) }
                )
            )
            var pages: [String: ContentRenderer.RenderedPage] = [:]
            for (lesson, page) in module.pages {
                pages["\(lesson.id)/\(page.id)"] = renderer.render(page)
            }
            modules[id] = RenderedModule(
                module: module,
                renderer: renderer,
                pages: pages,
                mediaPaths: module.mediaPaths,
                order: module.pages.map { ($0.lesson.id, $0.page.id) },
                studyLoadBasis: CatalogController.studyLoadBasis(StudyLoadEstimate(module))
            )
        }
        self.modules = modules
    }

    subscript(id: String) -> RenderedModule? { modules[id] }
}
