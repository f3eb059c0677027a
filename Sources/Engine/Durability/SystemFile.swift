#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The POSIX calls the log and snapshots need, and nothing else.
///
/// Foundation's file APIs neither expose `fsync` on directories nor report errno, and
/// a durable log is mostly about exactly those calls. Every call goes through
/// `retrying`, which retries `EINTR` and turns `-1` into `DurabilityError.systemCall`.
enum SystemFile {
    /// Runs a system call until it is not interrupted; `-1` becomes a typed error.
    @discardableResult
    static func retrying<T: BinaryInteger>(_ name: String, _ path: String, _ call: () -> T) throws(DurabilityError) -> T
    {
        while true {
            let result = call()
            if result != -1 { return result }
            let code = errno
            if code == EINTR { continue }
            throw .systemCall(name, path: path, errno: code)
        }
    }

    /// Opens an existing file for appending.
    static func openForAppending(_ path: String) throws(DurabilityError) -> Int32 {
        try retrying("open", path) { open(path, O_WRONLY | O_APPEND | O_CLOEXEC) }
    }

    /// Creates a file for writing; `exclusive` fails if it exists, otherwise it is emptied.
    static func create(_ path: String, exclusive: Bool) throws(DurabilityError) -> Int32 {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC)
        return try retrying("open", path) { open(path, flags, 0o644) }
    }

    /// Writes every byte, continuing after short writes.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(DurabilityError) {
        var offset = 0
        while offset < bytes.count {
            let written = try retrying("write", path) { write(fd, bytes.baseAddress! + offset, bytes.count - offset) }
            offset += written
        }
    }

    /// Writes every byte of an array.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(DurabilityError) {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(DurabilityError) in try writeAll(fd, buffer, path: path) }
        }
        try result.get()
    }

    /// Reads a whole file.
    static func readAll(_ path: String) throws(DurabilityError) -> [UInt8] {
        let fd = try retrying("open", path) { open(path, O_RDONLY | O_CLOEXEC) }
        defer { close(fd) }
        var info = stat()
        try retrying("fstat", path) { fstat(fd, &info) }
        var out = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        while offset < out.count {
            let result = out.withUnsafeMutableBytes { buffer in
                Result { () throws(DurabilityError) in
                    try retrying("read", path) { read(fd, buffer.baseAddress! + offset, buffer.count - offset) }
                }
            }
            let count = try result.get()
            if count == 0 { break }
            offset += count
        }
        if offset < out.count { out.removeLast(out.count - offset) }
        return out
    }

    /// Makes written data durable. `fdatasync` skips timestamps but still flushes the
    /// file size, which is all a reader needs after an append.
    static func syncData(_ fd: Int32, path: String) throws(DurabilityError) {
        #if canImport(Glibc)
            try retrying("fdatasync", path) { fdatasync(fd) }
        #else
            try retrying("fsync", path) { fsync(fd) }
        #endif
    }

    /// Makes creations, renames and removals inside a directory durable.
    static func syncDirectory(_ path: String) throws(DurabilityError) {
        let fd = try retrying("open", path) { open(path, O_RDONLY | O_CLOEXEC) }
        defer { close(fd) }
        try retrying("fsync", path) { fsync(fd) }
    }

    /// Cuts a file to `length` bytes and makes the cut durable.
    static func truncate(_ path: String, to length: Int) throws(DurabilityError) {
        let fd = try retrying("open", path) { open(path, O_WRONLY | O_CLOEXEC) }
        defer { close(fd) }
        try retrying("ftruncate", path) { ftruncate(fd, off_t(length)) }
        try retrying("fsync", path) { fsync(fd) }
    }

    /// Renames atomically within one directory.
    static func move(_ from: String, to: String) throws(DurabilityError) {
        try retrying("rename", from) { rename(from, to) }
    }

    /// Removes a file; a missing file is not an error.
    static func remove(_ path: String) throws(DurabilityError) {
        while unlink(path) == -1 {
            let code = errno
            if code == EINTR { continue }
            if code == ENOENT { return }
            throw .systemCall("unlink", path: path, errno: code)
        }
    }

    /// Closes a descriptor; errors are ignored because the data was already synced.
    static func closeDescriptor(_ fd: Int32) {
        _ = close(fd)
    }

    /// Creates a directory and its missing parents.
    static func makeDirectories(_ path: String) throws(DurabilityError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            while mkdir(prefix, 0o755) == -1 {
                let code = errno
                if code == EINTR { continue }
                if code == EEXIST { break }
                throw .systemCall("mkdir", path: prefix, errno: code)
            }
        }
    }

    /// Removes a directory and everything in it; a missing directory is not an error.
    static func removeTree(_ path: String) throws(DurabilityError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            for name in try list(path) { try removeTree(path + "/" + name) }
            try retrying("rmdir", path) { rmdir(path) }
        } else {
            try remove(path)
        }
    }

    /// Names of the entries of a directory, without `.` and `..`.
    static func list(_ path: String) throws(DurabilityError) -> [String] {
        guard let directory = opendir(path) else { throw .systemCall("opendir", path: path, errno: errno) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Size of a file in bytes, or nil when it does not exist.
    static func size(_ path: String) -> Int? {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : nil
    }
}
