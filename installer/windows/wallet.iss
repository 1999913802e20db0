; Inno Setup script for DeskWallet on Windows (https://jrsoftware.org/isinfo.php). NOT BUILT on our
; Linux build machines; on Windows, after `bash scripts/build-installer` (Git Bash) or the PyInstaller
; command in installer/README.md has made dist\DeskWallet\:
;
;   iscc /DAppVersion=0.1.0 installer\windows\wallet.iss
;
; Output: dist\DeskWallet-<version>-setup.exe (per-user install, no administrator rights needed).
; Reproducible output: Inno Setup stamps the build time into the setup; set TouchDate/TouchTime below
; to the commit's date and keep the same Inno Setup version to get close.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "DeskWallet"
#define AppExe "deskwallet.exe"

[Setup]
; A fixed id: upgrades replace the earlier install instead of adding a second one.
AppId={{5C0D6B5E-8A57-4C39-9B57-2B3A3F0E7A11}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=DeskWallet developers
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\deskwallet.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
TouchDate=none
TouchTime=none

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller bundle: the app, Qt, translations, artifacts and anvil.exe for the playground.
Source: "..\..\dist\DeskWallet\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
