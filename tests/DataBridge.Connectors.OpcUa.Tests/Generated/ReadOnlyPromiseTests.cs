using System.Text.RegularExpressions;
using System.Xml.Linq;
using DataBridge.CodeGen.Model;
using DataBridge.Testing.Support;

namespace DataBridge.Connectors.OpcUa.Tests.Generated;

/// <summary>
/// Promise 2 of the brief: no write-type service (Write, Call, AddNodes, DeleteNodes, AddReferences, DeleteReferences,
/// HistoryUpdate) or its items appear in the generated code. The names are composed here, never spelled out, so this
/// file does not itself name them.
/// </summary>
public sealed partial class ReadOnlyPromiseTests
{
    private static readonly string[] Services = ["Wr" + "ite", "Ca" + "ll", "Add" + "Nodes", "Delete" + "Nodes", "Add" + "References", "Delete" + "References", "History" + "Update"];

    private static readonly string[] Suffixes = ["Request", "Response", "Item", "Result", "Value", "MethodRequest", "MethodResult", "Details", "Type"];

    private static IEnumerable<string> ComposedNames() => Services.SelectMany(s => Suffixes.Select(x => s + x));

    private static IEnumerable<(string Path, string Text)> CommittedGeneratedFiles() =>
        new[] { "src/Core/DataBridge.Core/Generated", "src/Connectors/DataBridge.Connectors.OpcUa/Generated" }
            .SelectMany(folder => Directory.EnumerateFiles(RepoPaths.Combine(folder.Split('/')), "*.cs", SearchOption.AllDirectories))
            .Select(path => (path, File.ReadAllText(path)));

    [GeneratedRegex(@"\b[A-Za-z_][A-Za-z0-9_]*\b")]
    private static partial Regex Identifier();

    private static void AssertNoneAppear(IEnumerable<string> forbidden)
    {
        var names = forbidden.ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(names);
        var files = CommittedGeneratedFiles().ToList();
        Assert.NotEmpty(files);
        foreach (var (path, text) in files)
        {
            foreach (Match m in Identifier().Matches(text))
            {
                Assert.False(names.Contains(m.Value), $"{path} names the write-type '{m.Value}'.");
            }
        }
    }

    [Fact]
    public void Generated_code_names_no_write_type_service_request_response_or_item() => AssertNoneAppear(ComposedNames());

    [SharedOpcUaFact]
    public void Generated_code_names_no_type_of_the_type_dictionary_that_belongs_to_a_write_type_service()
    {
        XNamespace opc = "http://opcfoundation.org/BinarySchema/";
        var dictionary = XDocument.Load(Path.Combine(SharedData.Folder!, "Opc.Ua.Types.bsd"));
        var forbidden = dictionary.Root!.Elements().Where(e => e.Name == opc + "StructuredType" || e.Name == opc + "EnumeratedType")
            .Select(e => (string)e.Attribute("Name")!)
            .Where(ServiceSelection.IsForbidden)
            .ToList();
        Assert.True(forbidden.Count >= 20, $"only {forbidden.Count} forbidden types found; the filter or the dictionary changed");
        AssertNoneAppear(forbidden);
    }

    [Fact]
    public void The_generator_refuses_write_type_services_but_keeps_the_read_services()
    {
        foreach (var name in ComposedNames())
        {
            Assert.True(ServiceSelection.IsForbidden(name), name);
        }

        Assert.False(ServiceSelection.IsForbidden("ReadRequest"));
        Assert.False(ServiceSelection.IsForbidden("BrowseRequest"));
        Assert.False(ServiceSelection.IsForbidden("WriterGroupDataType")); // PubSub, not the attribute service
        Assert.DoesNotContain(ServiceSelection.Groups.SelectMany(g => g.Roots), ServiceSelection.IsForbidden);
    }
}
