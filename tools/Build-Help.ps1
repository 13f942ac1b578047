#requires -Version 7.2
<#
.SYNOPSIS
    Writes the module's MAML help (en-US/VaultTools.dll-Help.xml) from module/en-US/help/<Verb-Noun>.psd1,
    one file per cmdlet (CommonParameters.psd1 holds the text of parameters many cmdlets share).

.DESCRIPTION
    The words (synopsis, description, parameter text, examples, notes) are written by hand in the
    .psd1 files; everything a cmdlet already knows about itself (parameter sets, types, positions,
    pipeline input, aliases, wildcards, output types) is read from the staged module, so the help
    can never disagree with the code. platyPS, which would do this from markdown, is not available
    from this project's package source, hence this small generator.

    Fails when an exported cmdlet has no synopsis or description, fewer than two examples, or an
    undocumented parameter.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SourcePath,
    [Parameter(Mandatory)] [string] $DestinationPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$module = Import-Module $ModulePath -PassThru -Force
# One file per cmdlet, named after it, so that a cmdlet's words sit in one small file.
$source = @{}
foreach ($file in Get-ChildItem -LiteralPath $SourcePath -Filter '*.psd1' -File) {
    $source[$file.BaseName] = Import-PowerShellDataFile -LiteralPath $file.FullName
}
$common = if ($source.ContainsKey('CommonParameters')) { $source.CommonParameters } else { @{} }
$commonParameterNames = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters

$problems = [System.Collections.Generic.List[string]]::new()
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
New-Item -ItemType Directory -Path (Split-Path $DestinationPath) -Force | Out-Null
$writer = [System.Xml.XmlWriter]::Create($DestinationPath, $settings)

$ns = @{
    msh     = 'http://msh'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

function Write-Paras([string] $Prefix, [string] $Name, [string] $Text) {
    $writer.WriteStartElement($Prefix, $Name, $ns[$Prefix])
    foreach ($para in ($Text -split "(\r?\n){2,}" | Where-Object { $_.Trim() })) {
        $writer.WriteElementString('maml', 'para', $ns.maml, $para.Trim())
    }
    $writer.WriteEndElement()
}

function Get-PipelineText($attribute) {
    $kinds = @()
    if ($attribute.ValueFromPipeline) { $kinds += 'ByValue' }
    if ($attribute.ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Write-Parameter($parameter, $attribute, [string] $text) {
    $type = $parameter.ParameterType
    $isSwitch = $type -eq [System.Management.Automation.SwitchParameter]
    $typeName = if ([Nullable]::GetUnderlyingType($type)) { [Nullable]::GetUnderlyingType($type).Name } else { $type.Name }
    $writer.WriteStartElement('command', 'parameter', $ns.command)
    $writer.WriteAttributeString('required', "$($attribute.Mandatory)".ToLowerInvariant())
    $writer.WriteAttributeString('variableLength', "$($type.IsArray)".ToLowerInvariant())
    $globbing = [bool]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    $writer.WriteAttributeString('globbing', "$globbing".ToLowerInvariant())
    $writer.WriteAttributeString('pipelineInput', (Get-PipelineText $attribute))
    $position = if ($attribute.Position -ge 0) { "$($attribute.Position)" } else { 'named' }
    $writer.WriteAttributeString('position', $position)
    $aliases = if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }
    $writer.WriteAttributeString('aliases', $aliases)
    $writer.WriteElementString('maml', 'name', $ns.maml, $parameter.Name)
    Write-Paras 'maml' 'description' $text
    if (-not $isSwitch) {
        $writer.WriteStartElement('command', 'parameterValue', $ns.command)
        $writer.WriteAttributeString('required', 'true')
        $writer.WriteAttributeString('variableLength', "$($type.IsArray)".ToLowerInvariant())
        $writer.WriteString($typeName)
        $writer.WriteEndElement()
    }
    $writer.WriteStartElement('dev', 'type', $ns.dev)
    $writer.WriteElementString('maml', 'name', $ns.maml, $type.FullName)
    $writer.WriteEndElement()
    $writer.WriteElementString('dev', 'defaultValue', $ns.dev, ($isSwitch ? 'False' : 'None'))
    $writer.WriteEndElement()
}

$writer.WriteStartDocument()
$writer.WriteStartElement('helpItems', $ns.msh)
$writer.WriteAttributeString('schema', 'maml')

foreach ($cmd in (Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)) {
    $help = $source[$cmd.Name]
    if (-not $help) { $problems.Add("$($cmd.Name): no help entry"); continue }
    foreach ($field in 'Synopsis', 'Description') {
        if (-not $help.ContainsKey($field) -or -not "$($help[$field])".Trim()) { $problems.Add("$($cmd.Name): no $field") }
    }
    $examples = @(if ($help.ContainsKey('Examples')) { $help.Examples })
    foreach ($example in $examples) {
        foreach ($key in $example.Keys | Where-Object { $_ -notin 'Title', 'Code', 'Remarks', 'NeedsAzure' }) { $problems.Add("$($cmd.Name): an example has the unknown key $key") }
    }
    if ($examples.Count -lt 2) { $problems.Add("$($cmd.Name): $($examples.Count) examples (at least 2 needed)") }
    $paramText = if ($help.ContainsKey('Parameters')) { $help.Parameters } else { @{} }

    $ownParameters = $cmd.Parameters.Values | Where-Object { $_.Name -notin $commonParameterNames } | Sort-Object Name
    $textOf = @{}
    foreach ($p in $ownParameters) {
        $t = if ($paramText.ContainsKey($p.Name)) { $paramText[$p.Name] } elseif ($common.ContainsKey($p.Name)) { $common[$p.Name] } else { $null }
        if (-not $t) { $problems.Add("$($cmd.Name) -$($p.Name): not documented") }
        $textOf[$p.Name] = "$t"
    }
    foreach ($documented in $paramText.Keys) {
        if (-not $cmd.Parameters.ContainsKey($documented)) { $problems.Add("$($cmd.Name): documents -$documented, which does not exist") }
    }

    $verb, $noun = $cmd.Name -split '-', 2
    $writer.WriteStartElement('command', 'command', $ns.command)
    $writer.WriteAttributeString('xmlns', 'maml', $null, $ns.maml)
    $writer.WriteAttributeString('xmlns', 'dev', $null, $ns.dev)
    $writer.WriteStartElement('command', 'details', $ns.command)
    $writer.WriteElementString('command', 'name', $ns.command, $cmd.Name)
    Write-Paras 'maml' 'description' "$($help.Synopsis)"
    $writer.WriteElementString('command', 'verb', $ns.command, $verb)
    $writer.WriteElementString('command', 'noun', $ns.command, $noun)
    $writer.WriteEndElement()
    Write-Paras 'maml' 'description' "$($help.Description)"

    $writer.WriteStartElement('command', 'syntax', $ns.command)
    foreach ($set in $cmd.ParameterSets) {
        $writer.WriteStartElement('command', 'syntaxItem', $ns.command)
        $writer.WriteElementString('maml', 'name', $ns.maml, $cmd.Name)
        foreach ($p in ($set.Parameters | Where-Object { $_.Name -notin $commonParameterNames } | Sort-Object { $_.Position -lt 0 }, Position, Name)) {
            $full = $cmd.Parameters[$p.Name]
            $attribute = [pscustomobject]@{ Mandatory = $p.IsMandatory; Position = $p.Position; ValueFromPipeline = $p.ValueFromPipeline; ValueFromPipelineByPropertyName = $p.ValueFromPipelineByPropertyName }
            Write-Parameter $full $attribute $textOf[$p.Name]
        }
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'parameters', $ns.command)
    foreach ($p in $ownParameters) {
        $attrs = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
        $attribute = [pscustomobject]@{
            Mandatory                       = [bool]($attrs | Where-Object Mandatory)
            Position                        = ($attrs | ForEach-Object Position | Sort-Object -Descending | Select-Object -First 1)
            ValueFromPipeline               = [bool]($attrs | Where-Object ValueFromPipeline)
            ValueFromPipelineByPropertyName = [bool]($attrs | Where-Object ValueFromPipelineByPropertyName)
        }
        Write-Parameter $p $attribute $textOf[$p.Name]
    }
    $writer.WriteEndElement()

    $inputs = @($ownParameters | Where-Object { $_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and ($_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName) } })
    $writer.WriteStartElement('command', 'inputTypes', $ns.command)
    foreach ($type in ($inputs | ForEach-Object { $_.ParameterType.FullName } | Sort-Object -Unique)) {
        $writer.WriteStartElement('command', 'inputType', $ns.command)
        $writer.WriteStartElement('dev', 'type', $ns.dev); $writer.WriteElementString('maml', 'name', $ns.maml, $type); $writer.WriteEndElement()
        Write-Paras 'maml' 'description' ("Bound to " + (($inputs | Where-Object { $_.ParameterType.FullName -eq $type } | ForEach-Object { "-$($_.Name)" }) -join ', ') + ' from the pipeline.')
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'returnValues', $ns.command)
    foreach ($output in $cmd.OutputType) {
        $writer.WriteStartElement('command', 'returnValue', $ns.command)
        $writer.WriteStartElement('dev', 'type', $ns.dev); $writer.WriteElementString('maml', 'name', $ns.maml, $output.Name); $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    if ($help.ContainsKey('Notes')) {
        $writer.WriteStartElement('maml', 'alertSet', $ns.maml)
        $writer.WriteStartElement('maml', 'alert', $ns.maml)
        foreach ($para in ($help.Notes -split "(\r?\n){2,}" | Where-Object { $_.Trim() })) { $writer.WriteElementString('maml', 'para', $ns.maml, $para.Trim()) }
        $writer.WriteEndElement(); $writer.WriteEndElement()
    }

    $writer.WriteStartElement('command', 'examples', $ns.command)
    $i = 0
    foreach ($example in $examples) {
        $i++
        $writer.WriteStartElement('command', 'example', $ns.command)
        $writer.WriteElementString('maml', 'title', $ns.maml, "-------------------------- Example $i$(if ($example.ContainsKey('Title')) { ': ' + $example.Title }) --------------------------")
        $writer.WriteElementString('dev', 'code', $ns.dev, $example.Code.Trim())
        # NeedsAzure = '<why>': the example cannot run against the emulator (the examples test skips it), and the help says so.
        $remarks = "$($example.Remarks)"
        if ($example.ContainsKey('NeedsAzure')) { $remarks += "`n`nThis example needs Azure (it does not run against the emulator): $($example.NeedsAzure)" }
        Write-Paras 'dev' 'remarks' $remarks
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'relatedLinks', $ns.command)
    foreach ($link in @(if ($help.ContainsKey('Links')) { $help.Links })) {
        $writer.WriteStartElement('maml', 'navigationLink', $ns.maml)
        $writer.WriteElementString('maml', 'linkText', $ns.maml, $link)
        $writer.WriteElementString('maml', 'uri', $ns.maml, '')
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteEndElement() # command:command
}

foreach ($name in $source.Keys) {
    if ($name -ne 'CommonParameters' -and -not (Get-Command -Module $module.Name -Name $name -ErrorAction SilentlyContinue)) {
        $problems.Add("$($name): has help but is not an exported cmdlet")
    }
}

$writer.WriteEndElement()
$writer.WriteEndDocument()
$writer.Dispose()

if ($problems.Count) {
    $problems | ForEach-Object { Write-Host "HELP: $_" -ForegroundColor Red }
    throw "Help is incomplete: $($problems.Count) problem(s)."
}
Write-Host "Help written to $DestinationPath" -ForegroundColor Green
