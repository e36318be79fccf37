import ContentEngine

/// Builds the `PageSkeleton` of every lesson page once, from the same page model the template always gets,
/// with markers in the learner-specific places.
enum PageSkeletons {
    static func key(_ module: String, _ lesson: String, _ page: String) -> String { "\(module)/\(lesson)/\(page)" }

    static func build(catalog: RenderedCatalog, views: Views) throws -> [String: PageSkeleton] {
        var skeletons: [String: PageSkeleton] = [:]
        for module in catalog.catalog.modules {
            guard let rendered = catalog[module.id] else { continue }
            for (index, entry) in rendered.order.enumerated() {
                guard let (lesson, page) = module.page(lessonId: entry.lessonId, pageId: entry.pageId),
                    let content = rendered.rendered(lessonId: lesson.id, pageId: page.id)
                else { continue }
                let model = pageModel(rendered, lesson: lesson, page: page, content: content, index: index)
                let response = try views.renderString(.page, model)
                skeletons[key(module.id, lesson.id, page.id)] = PageSkeleton(rendered: response)
            }
        }
        return skeletons
    }

    private static func pageModel(
        _ rendered: RenderedCatalog.RenderedModule,
        lesson: Lesson,
        page: Page,
        content: ContentRenderer.RenderedPage,
        index: Int
    ) -> Views.Model {
        let module = rendered.module
        var model: Views.Model = [
            "title": "\(page.title) – \(module.title)",
            "site": SiteURL.layoutLinks,
            // The admin menu item is rendered between markers and kept or left out per request.
            "user": [
                "name": PageSkeleton.marker("name"), "isAdmin": true, "adminStart": PageSkeleton.marker("admin:start"),
                "adminEnd": PageSkeleton.marker("admin:end"),
            ],
            "csrf": PageSkeleton.marker("csrf"),
            "percent": PageSkeleton.marker("percent"),
            "module": ["title": module.title, "url": SiteURL.module(module.id), "glossaryURL": SiteURL.glossary(module.id)],
            "lesson": ["title": lesson.title],
            "page": ["title": page.title],
            "position": index + 1,
            "pageCount": rendered.order.count,
        ]
        model["segments"] = content.segments.enumerated().map { position, segment -> [String: Any] in
            switch segment {
            case .html(let html): return ["html": html]
            case .check: return ["checkMarker": PageSkeleton.marker("check:\(position)")]
            }
        }
        model["terms"] = content.terms.map { ["id": $0.id, "term": $0.term, "definition": rendered.renderer.html($0.definition)] }
        model["hasTerms"] = !content.terms.isEmpty
        if index > 0 {
            let previous = rendered.order[index - 1]
            model["previous"] = [
                "url": SiteURL.page(module.id, previous.lessonId, previous.pageId),
                "title": module.page(lessonId: previous.lessonId, pageId: previous.pageId)?.page.title ?? "",
            ]
        }
        if index + 1 < rendered.order.count {
            let next = rendered.order[index + 1]
            model["next"] = [
                "url": SiteURL.page(module.id, next.lessonId, next.pageId),
                "title": module.page(lessonId: next.lessonId, pageId: next.pageId)?.page.title ?? "",
            ]
        } else {
            // After the last page the next step is the quiz, if the module has one.
            model["finished"] =
                module.quiz == nil
                ? ["url": SiteURL.module(module.id), "label": "Klaar met lezen: terug naar het overzicht"]
                : ["url": SiteURL.quiz(module.id), "label": "Klaar met lezen: naar de eindtoets"]
        }
        model["lessons"] = module.lessons.map { item -> [String: Any] in
            [
                "title": item.title, "current": item.id == lesson.id,
                "pages": item.pages.map { other -> [String: Any] in
                    [
                        "title": other.title, "url": SiteURL.page(module.id, item.id, other.id),
                        "seenMark": PageSkeleton.marker("seen:\(other.id)"), "current": item.id == lesson.id && other.id == page.id,
                    ]
                },
            ]
        }
        return model
    }
}
