import ArgumentParser
import CaseworkDomain
import CaseworkStore
import CaseworkWeb
import Foundation
import Hummingbird
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web server (pages and the JSON API).")
    @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "Port to listen on.") var port: Int = 8080
    @Flag(name: .customLong("insecure-cookies"), help: "Send the session cookie without the Secure flag (plain-HTTP testing only).")
    var insecureCookies = false
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        try await serve(options: options, host: host, port: port, secureCookies: !insecureCookies)
    }
}

/// Migrates, then serves until interrupted; the store is closed on the way out.
func serve(options: DatabaseOptions, host: String, port: Int, secureCookies: Bool, banner: String? = nil) async throws {
    let logger = commandLogger("casework.http")
    try await withStore(options, logger: logger) { store in
        try await store.migrate()
        let configuration = WebConfiguration(host: host, port: port, secureCookies: secureCookies)
        let app = try await buildApplication(store: store, configuration: configuration, logger: logger)
        logger.info("Serving \(options.description) on http://\(host):\(port)")
        // Written straight to the file handle: `print` is buffered when output goes to a file or pipe.
        if let banner { FileHandle.standardOutput.write(Data((banner + "\n").utf8)) }
        try await app.runService()
    }
}
