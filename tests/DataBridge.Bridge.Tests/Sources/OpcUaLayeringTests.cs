using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using DataBridge.Bridge.Configuration.Online;

namespace DataBridge.Bridge.Tests.Sources;

/// <summary>
/// The bridge talks to OPC UA through the connector's client API and managed layer only: it must not reach into the
/// wire format (Encoding), the socket layer (Transport) or the generated service types (Generated).
/// </summary>
public sealed class OpcUaLayeringTests
{
    private static readonly string[] Forbidden =
    [
        "DataBridge.Connectors.OpcUa.Transport",
        "DataBridge.Connectors.OpcUa.Encoding",
        "DataBridge.Connectors.OpcUa.Encoding.Types",
        "DataBridge.Connectors.OpcUa.Generated",
    ];

    [Fact]
    public void The_bridge_assembly_references_no_type_of_the_OPC_UA_transport_encoding_or_generated_namespaces()
    {
        var referenced = ReferencedNamespaces(typeof(OnlineValidator).Assembly.Location);

        // The scan sees the connector at all (else the check below could not fail).
        Assert.Contains("DataBridge.Connectors.OpcUa.Managed", referenced.Keys);
        var offending = new List<string>();
        foreach (var (ns, types) in referenced)
        {
            if (Array.IndexOf(Forbidden, ns) >= 0)
            {
                offending.Add($"{ns}: {string.Join(", ", types.Order(StringComparer.Ordinal))}");
            }
        }

        Assert.True(offending.Count == 0, "DataBridge.Bridge references " + string.Join("; ", offending));
    }

    /// <summary>Every type reference of the assembly by namespace (nested types count under their outermost type's namespace).</summary>
    private static Dictionary<string, HashSet<string>> ReferencedNamespaces(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var handle in reader.TypeReferences)
        {
            var type = reader.GetTypeReference(handle);
            var name = reader.GetString(type.Name);
            var outer = type;
            while (outer.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                outer = reader.GetTypeReference((TypeReferenceHandle)outer.ResolutionScope);
            }

            var ns = reader.GetString(outer.Namespace);
            if (!result.TryGetValue(ns, out var names))
            {
                result[ns] = names = new HashSet<string>(StringComparer.Ordinal);
            }

            names.Add(name);
        }

        return result;
    }
}
