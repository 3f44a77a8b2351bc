namespace DataBridge.Connectors.Mqtt.Encoding;

/// <summary>
/// A parsed Sparkplug B topic (Sparkplug 3.0 §4.1): <c>spBv1.0/&lt;group&gt;/&lt;type&gt;/&lt;edge node&gt;[/&lt;device&gt;]</c>,
/// or <c>spBv1.0/STATE/&lt;host id&gt;</c> for a host application's state.
/// </summary>
/// <param name="MessageType">The message type.</param>
/// <param name="GroupId">The group id (empty for STATE).</param>
/// <param name="EdgeNodeId">The edge node id (for STATE: the host application id).</param>
/// <param name="DeviceId">The device id for D* messages; null for N* and STATE.</param>
public readonly record struct SparkplugTopic(SparkplugMessageType MessageType, string GroupId, string EdgeNodeId, string? DeviceId)
{
    /// <summary>The namespace element every Sparkplug B topic starts with.</summary>
    public const string Namespace = "spBv1.0";

    /// <summary>MQTT caps a topic at 65,535 bytes of UTF-8 (MQTT 5 §1.5.4); nothing longer is parsed.</summary>
    public const int MaxTopicLength = 65_535;

    /// <summary>True for the device-level message types (DBIRTH, DDATA, DDEATH, DCMD).</summary>
    public bool IsDeviceMessage => MessageType is SparkplugMessageType.DBirth or SparkplugMessageType.DData or SparkplugMessageType.DDeath or SparkplugMessageType.DCmd;

    /// <summary>Parses <paramref name="topic"/>.</summary>
    /// <exception cref="SparkplugTopicException">The topic is not a well-formed Sparkplug B topic; the message says which part.</exception>
    public static SparkplugTopic Parse(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (topic.Length > MaxTopicLength)
        {
            throw new SparkplugTopicException(topic, $"it is {topic.Length} characters long, more than MQTT allows ({MaxTopicLength})");
        }

        var rest = topic.AsSpan();
        if (!rest.StartsWith(Namespace + "/", StringComparison.Ordinal))
        {
            throw new SparkplugTopicException(topic, $"it does not start with '{Namespace}/'");
        }

        rest = rest[(Namespace.Length + 1)..];
        var first = NextLevel(topic, ref rest, "group id");
        if (first.SequenceEqual("STATE"))
        {
            var host = NextLevel(topic, ref rest, "host application id");
            EnsureEnd(topic, rest, "a STATE topic has exactly one level after STATE (the host application id)");
            return new SparkplugTopic(SparkplugMessageType.State, string.Empty, host.ToString(), null);
        }

        var typeText = NextLevel(topic, ref rest, "message type");
        var type = ParseMessageType(topic, typeText);
        var edge = NextLevel(topic, ref rest, "edge node id");
        string? device = null;
        var isDevice = type is SparkplugMessageType.DBirth or SparkplugMessageType.DData or SparkplugMessageType.DDeath or SparkplugMessageType.DCmd;
        if (isDevice)
        {
            device = NextLevel(topic, ref rest, "device id").ToString();
        }

        EnsureEnd(topic, rest, isDevice
            ? $"{typeText} topics end with the device id"
            : $"{typeText} topics end with the edge node id (device messages use DBIRTH/DDATA/DDEATH)");
        return new SparkplugTopic(type, first.ToString(), edge.ToString(), device);
    }

    /// <summary>The topic as a publisher would write it.</summary>
    public override string ToString() => MessageType == SparkplugMessageType.State
        ? $"{Namespace}/STATE/{EdgeNodeId}"
        : DeviceId is null
            ? $"{Namespace}/{GroupId}/{Name(MessageType)}/{EdgeNodeId}"
            : $"{Namespace}/{GroupId}/{Name(MessageType)}/{EdgeNodeId}/{DeviceId}";

    /// <summary>The topic spelling of a message type (<c>NBIRTH</c>, <c>DDATA</c>…).</summary>
    public static string Name(SparkplugMessageType type) => type switch
    {
        SparkplugMessageType.NBirth => "NBIRTH",
        SparkplugMessageType.NData => "NDATA",
        SparkplugMessageType.NDeath => "NDEATH",
        SparkplugMessageType.DBirth => "DBIRTH",
        SparkplugMessageType.DData => "DDATA",
        SparkplugMessageType.DDeath => "DDEATH",
        SparkplugMessageType.NCmd => "NCMD",
        SparkplugMessageType.DCmd => "DCMD",
        _ => "STATE",
    };

    private static SparkplugMessageType ParseMessageType(string topic, ReadOnlySpan<char> text) => text switch
    {
        "NBIRTH" => SparkplugMessageType.NBirth,
        "NDATA" => SparkplugMessageType.NData,
        "NDEATH" => SparkplugMessageType.NDeath,
        "DBIRTH" => SparkplugMessageType.DBirth,
        "DDATA" => SparkplugMessageType.DData,
        "DDEATH" => SparkplugMessageType.DDeath,
        "NCMD" => SparkplugMessageType.NCmd,
        "DCMD" => SparkplugMessageType.DCmd,
        "STATE" => throw new SparkplugTopicException(topic, "STATE belongs directly after spBv1.0 (spBv1.0/STATE/<host id>), not after a group id"),
        _ => throw new SparkplugTopicException(topic, $"'{MqttInputException.Clip(text.ToString())}' is not a Sparkplug message type (they are upper case)"),
    };

    private static ReadOnlySpan<char> NextLevel(string topic, ref ReadOnlySpan<char> rest, string what)
    {
        if (rest.IsEmpty)
        {
            throw new SparkplugTopicException(topic, $"the {what} is missing");
        }

        var slash = rest.IndexOf('/');
        var level = slash < 0 ? rest : rest[..slash];
        rest = slash < 0 ? [] : rest[(slash + 1)..];
        if (level.IsEmpty)
        {
            throw new SparkplugTopicException(topic, $"the {what} is empty");
        }

        // Sparkplug 3.0 §4.1.1: ids must not contain the MQTT wildcards (and '/' is the level separator).
        if (level.IndexOfAny('+', '#') >= 0)
        {
            throw new SparkplugTopicException(topic, $"the {what} '{MqttInputException.Clip(level.ToString())}' contains a wildcard character ('+' or '#')");
        }

        // A trailing '/' leaves an empty level behind it: report it rather than ignore it.
        if (slash >= 0 && rest.IsEmpty)
        {
            rest = "/";
        }

        return level;
    }

    private static void EnsureEnd(string topic, ReadOnlySpan<char> rest, string rule)
    {
        if (!rest.IsEmpty)
        {
            throw new SparkplugTopicException(topic, $"it has extra levels ('{MqttInputException.Clip(rest.ToString())}'): {rule}");
        }
    }
}
