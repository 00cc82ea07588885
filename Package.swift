// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "casework",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "casework", targets: ["casework"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
    ],
    targets: [
        // MARK: Domain: types and rules, no I/O
        .target(name: "CaseworkDomain", swiftSettings: swiftSettings),

        // MARK: Store: SQL, migrations, event log, projections
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .target(
            name: "CaseworkStore",
            dependencies: [
                "CaseworkDomain",
                "CSQLite",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Engines: no web
        .target(
            name: "CaseworkSimulation",
            dependencies: ["CaseworkDomain", "CaseworkStore"],
            swiftSettings: swiftSettings
        ),

        .target(name: "CaseworkPlanning", dependencies: ["CaseworkDomain"], swiftSettings: swiftSettings),

        .target(name: "CaseworkScheduling", dependencies: ["CaseworkDomain"], swiftSettings: swiftSettings),

        // MARK: Web: routes, pages, API
        .target(
            name: "CaseworkWeb",
            dependencies: [
                "CaseworkDomain",
                "CaseworkStore",
                "CaseworkPlanning",
                "CaseworkScheduling",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),

        // MARK: The casework executable
        .executableTarget(
            name: "casework",
            dependencies: [
                "CaseworkDomain",
                "CaseworkStore",
                "CaseworkSimulation",
                "CaseworkPlanning",
                "CaseworkScheduling",
                "CaseworkWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        .target(
            name: "CaseworkTestSupport",
            dependencies: ["CaseworkStore", "CaseworkSimulation", .product(name: "Logging", package: "swift-log")],
            path: "Tests/CaseworkTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "CaseworkDomainTests", dependencies: ["CaseworkDomain"], swiftSettings: swiftSettings),
        .testTarget(name: "CaseworkPlanningTests", dependencies: ["CaseworkDomain", "CaseworkPlanning"], swiftSettings: swiftSettings),
        .testTarget(name: "CaseworkSchedulingTests", dependencies: ["CaseworkDomain", "CaseworkScheduling"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CaseworkStoreTests",
            dependencies: [
                "CaseworkDomain", "CaseworkStore", "CaseworkSimulation", "CaseworkPlanning", "CaseworkTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CaseworkWebTests",
            dependencies: [
                "CaseworkDomain", "CaseworkStore", "CaseworkPlanning", "CaseworkWeb", "CaseworkTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
