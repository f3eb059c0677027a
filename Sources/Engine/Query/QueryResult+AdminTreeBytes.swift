/// The admin tree written straight to JSON bytes, for the HTTP route: the same text as
/// `adminTree(inference:).jsonBytes` (same keys, same order), without building one
/// dictionary-backed object per entity first. On a large nested result that intermediate
/// tree cost as much as the whole query evaluation.
extension QueryResult {
    /// `adminTree(inference:)` serialized compactly.
    public func adminTreeJSONBytes(inference: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        var labels = TreeLabels(attrs: attrs)
        out.append(UInt8(ascii: "{"))
        var first = true
        for form in forms where !form.form.options.isCountAggregate {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONValue.writeString(form.form.key, to: &out)
            out.append(UInt8(ascii: ":"))
            writeArray(form.entities, form: form.form, inference: inference, labels: &labels, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    private static let idKey = Array(#"{"id":"#.utf8)
    private static let null = Array("null".utf8)

    private func writeArray(
        _ nodes: [EntityNode], form: InstaQLForm, inference: Bool, labels: inout TreeLabels, to out: inout [UInt8]
    ) {
        let childKeys = Set(form.children.map(\.key))
        out.append(UInt8(ascii: "["))
        for (i, node) in nodes.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            writeObject(node, form: form, childKeys: childKeys, inference: inference, labels: &labels, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// One entity as `object(for:…)` builds it: id, labelled values, then the children.
    private func writeObject(
        _ node: EntityNode, form: InstaQLForm, childKeys: Set<String>, inference: Bool, labels: inout TreeLabels,
        to out: inout [UInt8]
    ) {
        out.append(contentsOf: Self.idKey)
        node.id.writeJSONString(to: &out)
        for triple in node.triples {
            guard let label = labels.label(of: triple.attr), !childKeys.contains(label) else { continue }
            out.append(UInt8(ascii: ","))
            JSONValue.writeString(label, to: &out)
            out.append(UInt8(ascii: ":"))
            switch triple.value {
            case .id(let id): id.writeJSONString(to: &out)
            case .json(let value): value.write(to: &out)
            }
        }
        for child in node.children {
            out.append(UInt8(ascii: ","))
            JSONValue.writeString(child.form.key, to: &out)
            out.append(UInt8(ascii: ":"))
            if inference, let link = child.form.link, link.isSingular {
                if let only = child.entities.first {
                    let grandchildKeys = Set(child.form.children.map(\.key))
                    writeObject(only, form: child.form, childKeys: grandchildKeys, inference: inference, labels: &labels, to: &out)
                } else {
                    out.append(contentsOf: Self.null)
                }
            } else {
                writeArray(child.entities, form: child.form, inference: inference, labels: &labels, to: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
    }
}
