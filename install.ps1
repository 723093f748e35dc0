# Installs the cvsite binary for Windows from a GitHub Release, its SHA-256 checksum verified:
#   irm https://github.com/cvsite/cvsite/releases/latest/download/install.ps1 | iex
# $env:CVSITE_VERSION = "0.2.0" picks a version (default: the latest); $env:CVSITE_INSTALL_DIR
# a folder (default: %LOCALAPPDATA%\cvsite\bin, added to the user's PATH); $env:CVSITE_DOWNLOAD_URL
# a mirror of the Release's files. The names are the release workflow's
# (.github/workflows/release.yml): cvsite-TARGET.zip and its checksum file cvsite-TARGET.sha256.
# A script block, so that its settings do not stay in the session that ran it.
& {
    $ErrorActionPreference = "Stop"
    # Windows PowerShell's progress bar slows downloads many times over.
    $ProgressPreference = "SilentlyContinue"
    $repo = if ($env:CVSITE_REPO) { $env:CVSITE_REPO } else { "cvsite/cvsite" }
    $dir = if ($env:CVSITE_INSTALL_DIR) { $env:CVSITE_INSTALL_DIR } else { Join-Path $env:LOCALAPPDATA "cvsite\bin" }
    $version = if ($env:CVSITE_VERSION) { $env:CVSITE_VERSION.TrimStart("v") } else { "" }
    $base = if ($env:CVSITE_DOWNLOAD_URL) { $env:CVSITE_DOWNLOAD_URL }
        elseif ($version) { "https://github.com/$repo/releases/download/v$version" }
        else { "https://github.com/$repo/releases/latest/download" }
    $target = "x86_64-pc-windows-msvc"
    $archive = "cvsite-$target.zip"
    $sums = "cvsite-$target.sha256"

    $tmp = Join-Path ([System.IO.Path]::GetTempPath()) ([System.Guid]::NewGuid())
    New-Item -ItemType Directory -Path $tmp | Out-Null
    try {
        Invoke-WebRequest "$base/$archive" -OutFile (Join-Path $tmp $archive) -UseBasicParsing
        Invoke-WebRequest "$base/$sums" -OutFile (Join-Path $tmp $sums) -UseBasicParsing
        $line = Get-Content (Join-Path $tmp $sums) | Where-Object { $_ -like "*$archive*" } | Select-Object -First 1
        $expected = if ($line) { $line.Split(" ")[0].Trim().ToLower() } else { "" }
        $actual = (Get-FileHash (Join-Path $tmp $archive) -Algorithm SHA256).Hash.ToLower()
        if (-not $expected -or $expected -ne $actual) { throw "cvsite: checksum mismatch for $archive (expected $expected, got $actual): not installed" }
        Expand-Archive (Join-Path $tmp $archive) -DestinationPath $tmp
        New-Item -ItemType Directory -Force -Path $dir | Out-Null
        $exe = Get-ChildItem $tmp -Recurse -Filter cvsite.exe | Select-Object -First 1
        Copy-Item $exe.FullName (Join-Path $dir "cvsite.exe") -Force
        $path = [Environment]::GetEnvironmentVariable("Path", "User")
        if (-not (($path -split ";") -contains $dir)) {
            $new = if ($path) { "$path;$dir" } else { $dir }
            [Environment]::SetEnvironmentVariable("Path", $new, "User")
            $env:Path = "$env:Path;$dir"
            Write-Host "Added $dir to your PATH."
        }
        Write-Host "cvsite installed in $dir\cvsite.exe"
    } finally {
        Remove-Item -Recurse -Force $tmp
    }
}
