/// A block of content on a page, in a callout, a case story or a transcript.
public indirect enum Block: Sendable, Hashable {
    case paragraph([Inline])
    case heading([Inline])
    case list(ordered: Bool, items: [[Inline]])
    case quote(paragraphs: [[Inline]], by: String?)
    case image(Image)
    case video(Video)
    case audio(Audio)
    case callout(Callout)
    case caseStory(CaseStory)
    case reflection([Block])
    /// An ungraded question with immediate feedback.
    case check(Question)
}

public struct Image: Sendable, Hashable {
    /// Path relative to the module folder, checked to stay inside it.
    public var src: String
    public var alt: String
    public var width: Int?
    public var height: Int?
    public var caption: [Inline]?
}

public struct Video: Sendable, Hashable {
    public struct Track: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable { case captions, subtitles }
        public var src: String
        public var kind: Kind
        public var language: String
        public var label: String?
    }
    public var src: String
    public var title: String
    public var poster: String?
    public var tracks: [Track]
    public var transcript: [Block]?
}

public struct Audio: Sendable, Hashable {
    public var src: String
    public var title: String
    public var transcript: [Block]
}

public struct Callout: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case tip, info, warning }
    public var kind: Kind
    public var title: String?
    public var blocks: [Block]
}

public struct CaseStory: Sendable, Hashable {
    public var title: String
    public var blocks: [Block]
}
