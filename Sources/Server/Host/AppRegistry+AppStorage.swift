import Engine

/// The engine's registry is the routes' storage: it already has the shape `AppStorage` asks for.
extension AppRegistry: AppStorage {}
