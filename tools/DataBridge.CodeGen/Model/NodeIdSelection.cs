namespace DataBridge.CodeGen.Model;

/// <summary>The standard node ids the client names: a few hundred of NodeIds.csv's 12,000 rows.</summary>
internal static class NodeIdSelection
{
    private static readonly string[] ExtraDataTypes =
    [
        "Duration", "UtcTime", "LocaleId", "IntegerId", "Counter", "NumericRange", "Time", "Date", "Index", "Decimal", "VersionTime",
        "ApplicationInstanceCertificate", "EnumValueType", "Argument", "TimeZoneDataType", "AccessLevelType", "EventNotifierType",
        "DateString", "DecimalString", "DurationString", "NormalizedString", "TimeString", "ImageBMP", "ImageGIF", "ImageJPG", "ImagePNG", "Union",
    ];

    private static readonly string[] Objects =
    [
        "RootFolder", "ObjectsFolder", "TypesFolder", "ViewsFolder", "ObjectTypesFolder", "VariableTypesFolder", "DataTypesFolder", "ReferenceTypesFolder",
        "Server", "Server_ServerCapabilities", "Server_ServerCapabilities_OperationLimits", "Server_ServerDiagnostics", "Server_VendorServerInfo",
        "Server_ServerRedundancy", "Server_Namespaces",
    ];

    private static readonly string[] Variables =
    [
        "Server_ServerArray", "Server_NamespaceArray", "Server_ServiceLevel", "Server_Auditing",
        "Server_ServerCapabilities_ServerProfileArray", "Server_ServerCapabilities_LocaleIdArray", "Server_ServerCapabilities_MinSupportedSampleRate",
        "Server_ServerCapabilities_MaxBrowseContinuationPoints", "Server_ServerCapabilities_MaxArrayLength", "Server_ServerCapabilities_MaxStringLength",
        "Server_ServerCapabilities_MaxByteStringLength", "Server_ServerCapabilities_MaxSubscriptionsPerSession", "Server_ServerCapabilities_MaxMonitoredItemsPerSubscription",
        "Server_ServerCapabilities_OperationLimits_MaxNodesPerRead", "Server_ServerCapabilities_OperationLimits_MaxNodesPerBrowse",
        "Server_ServerCapabilities_OperationLimits_MaxNodesPerTranslateBrowsePathsToNodeIds", "Server_ServerCapabilities_OperationLimits_MaxMonitoredItemsPerCall",
    ];

    private static readonly string[] ObjectTypes = ["BaseObjectType", "FolderType", "ServerType", "BaseEventType", "DataTypeEncodingType", "ModellingRuleType"];

    private static readonly string[] VariableTypes =
    [
        "BaseVariableType", "BaseDataVariableType", "PropertyType", "ServerStatusType", "BuildInfoType", "DataItemType", "BaseAnalogType", "AnalogItemType",
        "AnalogUnitType", "DiscreteItemType", "TwoStateDiscreteType", "MultiStateDiscreteType", "MultiStateValueDiscreteType", "ArrayItemType",
    ];

    /// <summary>Class name of the generated constants (e.g. ObjectIds) → rows, in file order.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<NodeIdEntry>> Select(
        IReadOnlyList<NodeIdEntry> all, IEnumerable<string> structures, IEnumerable<string> enums)
    {
        var generated = new HashSet<string>(structures.Concat(enums), StringComparer.Ordinal);
        var encodings = new HashSet<string>(generated.Select(n => n + "_Encoding_DefaultBinary"), StringComparer.Ordinal);
        var dataTypes = new HashSet<string>(ExtraDataTypes.Concat(generated), StringComparer.Ordinal);
        var objects = new HashSet<string>(Objects.Concat(encodings), StringComparer.Ordinal);
        var variables = new HashSet<string>(Variables, StringComparer.Ordinal);
        var objectTypes = new HashSet<string>(ObjectTypes, StringComparer.Ordinal);
        var variableTypes = new HashSet<string>(VariableTypes, StringComparer.Ordinal);

        var result = new Dictionary<string, List<NodeIdEntry>>(StringComparer.Ordinal)
        {
            ["DataTypeIds"] = [], ["ReferenceTypeIds"] = [], ["ObjectIds"] = [], ["VariableIds"] = [], ["ObjectTypeIds"] = [], ["VariableTypeIds"] = [],
        };
        foreach (var row in all)
        {
            if (ServiceSelection.IsForbidden(row.Name) || row.Name.Contains("Write", StringComparison.Ordinal))
            {
                continue;
            }

            var target = row.NodeClass switch
            {
                "DataType" when row.Id <= 30 || dataTypes.Contains(row.Name) => "DataTypeIds",
                "ReferenceType" => "ReferenceTypeIds",
                "Object" when objects.Contains(row.Name) => "ObjectIds",
                "Variable" when variables.Contains(row.Name) || row.Name == "Server_ServerStatus" || row.Name.StartsWith("Server_ServerStatus_", StringComparison.Ordinal) => "VariableIds",
                "ObjectType" when objectTypes.Contains(row.Name) => "ObjectTypeIds",
                "VariableType" when variableTypes.Contains(row.Name) => "VariableTypeIds",
                _ => null,
            };
            if (target is not null)
            {
                result[target].Add(row);
            }
        }

        return result.ToDictionary(p => p.Key, p => (IReadOnlyList<NodeIdEntry>)p.Value, StringComparer.Ordinal);
    }
}
