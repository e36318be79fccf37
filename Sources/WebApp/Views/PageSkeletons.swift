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
                let model = pageModel(rendered, lesson: lesson, page: page, content: content, index: index, views: views)
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
        index: Int,
        views: Views
    ) -> LessonPage {
        let module = rendered.module
        // The admin menu item is rendered between markers and kept or left out per request.
        let user = LayoutUser(
            name: PageSkeleton.marker("name"),
            isAdmin: true,
            adminStart: PageSkeleton.marker("admin:start"),
            adminEnd: PageSkeleton.marker("admin:end")
        )
        func link(_ entry: (lessonId: String, pageId: String)) -> TitledLink {
            TitledLink(
                title: module.page(lessonId: entry.lessonId, pageId: entry.pageId)?.page.title ?? "",
                url: SiteURL.page(module.id, entry.lessonId, entry.pageId)
            )
        }
        let isLast = index + 1 == rendered.order.count
        // After the last page the next step is the quiz, if the module has one.
        let finished: LabelledLink? =
            if !isLast {
                nil
            } else if module.quiz == nil {
                LabelledLink(url: SiteURL.module(module.id), label: "Klaar met lezen: terug naar het overzicht")
            } else {
                LabelledLink(url: SiteURL.quiz(module.id), label: "Klaar met lezen: naar de eindtoets")
            }
        return LessonPage(
            layout: PageLayout(
                title: "\(page.title) – \(module.title)",
                user: user,
                csrf: PageSkeleton.marker("csrf"),
                links: views.layoutLinks
            ),
            module: .init(title: module.title, url: SiteURL.module(module.id), glossaryURL: SiteURL.glossary(module.id)),
            lesson: .init(title: lesson.title),
            page: .init(title: page.title),
            position: index + 1,
            pageCount: rendered.order.count,
            percent: PageSkeleton.marker("percent"),
            segments: content.segments.enumerated().map { position, segment in
                switch segment {
                case .html(let html): .html(html)
                case .check: .checkMarker(PageSkeleton.marker("check:\(position)"))
                }
            },
            terms: content.terms.map { TermDefinition(id: $0.id, term: $0.term, definition: rendered.renderer.html($0.definition)) },
            previous: index > 0 ? link(rendered.order[index - 1]) : nil,
            next: isLast ? nil : link(rendered.order[index + 1]),
            finished: finished,
            lessons: module.lessons.map { item in
                LessonPage.NavigationLesson(
                    title: item.title,
                    current: item.id == lesson.id,
                    pages: item.pages.map { other in
                        .init(
                            title: other.title,
                            url: SiteURL.page(module.id, item.id, other.id),
                            seenMark: PageSkeleton.marker("seen:\(other.id)"),
                            current: item.id == lesson.id && other.id == page.id
                        )
                    }
                )
            }
        )
    }
}
