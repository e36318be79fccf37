import Foundation

/// The kinds of media files a module may reference, by file extension.
enum MediaKind {
    case image, video, audio, captions

    var extensions: [String] {
        switch self {
        case .image: return ["svg", "png", "jpg", "jpeg", "webp", "gif"]
        case .video: return ["mp4", "webm"]
        case .audio: return ["mp3", "ogg", "m4a", "wav"]
        case .captions: return ["vtt"]
        }
    }
}

extension ModuleReader {
    /// A media path must stay inside the module folder (no `..`, no absolute path, no symlink out) and the
    /// file must exist: the server serves exactly these files and nothing else.
    func checkMedia(_ src: String, of element: XMLElement, kind: MediaKind, attribute: String = "src") {
        guard !src.isEmpty else { return }  // missing or empty: the schema reports it
        let at = location(of: element, attribute: attribute)
        let components = src.split(separator: "/", omittingEmptySubsequences: false)
        if src.hasPrefix("/") || src.contains("\\") || src.contains(":") || components.contains("..")
            || components.contains(".") || components.contains("")
        {
            report(
                .error,
                "media-path",
                "Het pad \"\(src)\" gaat buiten de map van de module of is geen gewoon pad. Gebruik een pad binnen de map, zoals media/plaatje.svg (zonder .., / aan het begin of een webadres).",
                at: at
            )
            return
        }
        let fileExtension = (src as NSString).pathExtension.lowercased()
        if !kind.extensions.contains(fileExtension) {
            report(
                .error,
                "media-type",
                "Het bestand \"\(src)\" heeft een extensie die hier niet kan. Toegestaan: \(kind.extensions.map { ".\($0)" }.joined(separator: ", ")).",
                at: at
            )
        }
        let file = folder.appendingPathComponent(src)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            report(
                .error,
                "media-missing",
                "Het bestand \"\(src)\" bestaat niet in de map \(folder.lastPathComponent)/. Controleer de naam (hoofdletters tellen mee) of zet het bestand erin.",
                at: at
            )
            return
        }
        let realFolder = folder.resolvingSymlinksInPath().path + "/"
        if !file.resolvingSymlinksInPath().path.hasPrefix(realFolder) {
            report(
                .error,
                "media-path",
                "Het bestand \"\(src)\" is een snelkoppeling (symlink) naar een plek buiten de map van de module. Zet het echte bestand in de map.",
                at: at
            )
        }
    }
}
