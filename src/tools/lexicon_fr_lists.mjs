// lexicon_fr_lists: the hand-written French lemma lists behind src/data/lexicon_fr.tsv (read by
// make_lexicon_fr.mjs). Glosses are English lemmas chosen among very common English words so
// they are in the GloVe vocabulary; where a French word has several senses the most common one
// is kept. Lines starting with // are comments.

// form gloss TAG [features]
export const FUNCTION_WORDS = `
le the DET Masc|Sing
la the DET Fem|Sing
les the DET Plur
l' the DET Sing
un a DET Masc|Sing
une a DET Fem|Sing
des some DET Plur
du some DET Masc|Sing
de of ADP
d' of ADP
au to ADP Masc|Sing
aux to ADP Plur
à to ADP
ce this DET Masc|Sing
cet this DET Masc|Sing
cette this DET Fem|Sing
ces these DET Plur
mon my DET Masc|Sing
ma my DET Fem|Sing
mes my DET Plur
ton your DET Masc|Sing
ta your DET Fem|Sing
tes your DET Plur
son his DET Masc|Sing
sa her DET Fem|Sing
ses his DET Plur
notre our DET Sing
nos our DET Plur
votre your DET Sing
vos your DET Plur
leur their DET Sing
leurs their DET Plur
chaque each DET
quelques some DET Plur
quelque some DET Sing
plusieurs several DET Plur
tout all DET Masc|Sing
toute all DET Fem|Sing
tous all DET Masc|Plur
toutes all DET Fem|Plur
aucun no DET Masc|Sing
aucune no DET Fem|Sing
certains some DET Masc|Plur
certaines some DET Fem|Plur
quel which DET Masc|Sing
quelle which DET Fem|Sing
quels which DET Masc|Plur
quelles which DET Fem|Plur
tel such DET Masc|Sing
telle such DET Fem|Sing
tels such DET Masc|Plur
telles such DET Fem|Plur
je I PRON 1sg
j' I PRON 1sg
tu you PRON 2sg
il he PRON 3sg|Masc
elle she PRON 3sg|Fem
on one PRON 3sg
nous we PRON 1pl
vous you PRON 2pl
ils they PRON 3pl|Masc
elles they PRON 3pl|Fem
me me PRON 1sg
m' me PRON 1sg
te you PRON 2sg
t' you PRON 2sg
se itself PRON 3
s' itself PRON 3
moi me PRON 1sg
toi you PRON 2sg
lui him PRON 3sg
eux them PRON 3pl
y there PRON
ça that PRON
cela that PRON
ceci this PRON
c' it PRON
celui one PRON Masc|Sing
celle one PRON Fem|Sing
ceux those PRON Masc|Plur
celles those PRON Fem|Plur
qui who PRON
quoi what PRON
dont whose PRON
lequel which PRON Masc|Sing
laquelle which PRON Fem|Sing
lesquels which PRON Masc|Plur
lesquelles which PRON Fem|Plur
rien nothing PRON
quelqu'un someone PRON
chacun each PRON Masc
chacune each PRON Fem
autrui others PRON
dans in ADP
en in ADP
sur on ADP
sous under ADP
avec with ADP
sans without ADP
pour for ADP
par by ADP
chez at ADP
vers toward ADP
entre between ADP
contre against ADP
depuis since ADP
pendant during ADP
durant during ADP
avant before ADP
après after ADP
devant before ADP
derrière behind ADP
malgré despite ADP
selon according ADP
parmi among ADP
jusqu' until ADP
jusque until ADP
hors outside ADP
sauf except ADP
envers toward ADP
dès from ADP
outre beyond ADP
et and CCONJ
ou or CCONJ
mais but CCONJ
donc so CCONJ
ni nor CCONJ
car because CCONJ
puis then CCONJ
que that SCONJ
qu' that SCONJ
quand when SCONJ
si if SCONJ
comme as SCONJ
parce because SCONJ
lorsque when SCONJ
lorsqu' when SCONJ
puisque since SCONJ
puisqu' since SCONJ
quoique although SCONJ
quoiqu' although SCONJ
afin so SCONJ
ne not PART Neg
n' not PART Neg
pas not ADV Neg
point not ADV Neg
très very ADV
bien well ADV
mal badly ADV
vite fast ADV
souvent often ADV
toujours always ADV
jamais never ADV
plus more ADV
moins less ADV
aussi also ADV
encore again ADV
déjà already ADV
ici here ADV
là there ADV
maintenant now ADV
aujourd'hui today ADV
demain tomorrow ADV
hier yesterday ADV
bientôt soon ADV
tard late ADV
tôt early ADV
peu little ADV
beaucoup much ADV
trop too ADV
assez enough ADV
ensemble together ADV
vraiment really ADV
seulement only ADV
peut-être maybe ADV
alors then ADV
ensuite then ADV
enfin finally ADV
pourquoi why ADV
comment how ADV
combien how ADV
où where ADV
partout everywhere ADV
dehors outside ADV
dedans inside ADV
longtemps long ADV
parfois sometimes ADV
tellement so ADV
presque almost ADV
environ about ADV
surtout especially ADV
plutôt rather ADV
lentement slowly ADV
rapidement quickly ADV
doucement gently ADV
également also ADV
certainement certainly ADV
probablement probably ADV
heureusement fortunately ADV
malheureusement unfortunately ADV
simplement simply ADV
exactement exactly ADV
autant as ADV
ainsi thus ADV
pourtant yet ADV
cependant however ADV
tant so ADV
voici here ADV
voilà there ADV
loin far ADV
près near ADV
dessus above ADV
dessous below ADV
autour around ADV
ailleurs elsewhere ADV
vraiment really ADV
quelquefois sometimes ADV
désormais now ADV
non no ADV
oui yes INTJ
merci thanks INTJ
bonjour hello INTJ
salut hi INTJ
bonsoir evening INTJ
adieu goodbye INTJ
hélas alas INTJ
bravo bravo INTJ
zéro zero NUM
deux two NUM
trois three NUM
quatre four NUM
cinq five NUM
six six NUM
sept seven NUM
huit eight NUM
neuf nine NUM
dix ten NUM
onze eleven NUM
douze twelve NUM
treize thirteen NUM
quatorze fourteen NUM
quinze fifteen NUM
seize sixteen NUM
dix-sept seventeen NUM
dix-huit eighteen NUM
dix-neuf nineteen NUM
vingt twenty NUM
trente thirty NUM
quarante forty NUM
cinquante fifty NUM
soixante sixty NUM
soixante-dix seventy NUM
quatre-vingts eighty NUM
quatre-vingt eighty NUM
quatre-vingt-dix ninety NUM
cent hundred NUM
cents hundred NUM
mille thousand NUM
million million NUM
millions million NUM
milliard billion NUM
milliards billion NUM
premier first ADJ Masc|Sing
première first ADJ Fem|Sing
premiers first ADJ Masc|Plur
premières first ADJ Fem|Plur
deuxième second ADJ Sing
second second ADJ Masc|Sing
seconde second ADJ Fem|Sing
troisième third ADJ Sing
quatrième fourth ADJ Sing
cinquième fifth ADJ Sing
sixième sixth ADJ Sing
septième seventh ADJ Sing
huitième eighth ADJ Sing
neuvième ninth ADJ Sing
dixième tenth ADJ Sing
dernier last ADJ Masc|Sing
dernière last ADJ Fem|Sing
derniers last ADJ Masc|Plur
dernières last ADJ Fem|Plur
`;

// être and avoir (AUX) and the irregular verbs:
// "infinitive gloss [TAG]; 1sg; 2sg; 3sg; 1pl; 2pl; 3pl; other forms as form=Features ..."
export const IRREGULAR_VERBS = `
être be AUX; suis; es; est; sommes; êtes; sont; été=Part étais=Imp|1sg|2sg était=Imp|3sg étions=Imp|1pl étiez=Imp|2pl étaient=Imp|3pl serai=Fut|1sg seras=Fut|2sg sera=Fut|3sg serons=Fut|1pl serez=Fut|2pl seront=Fut|3pl serais=Cond|1sg|2sg serait=Cond|3sg seraient=Cond|3pl soit=Sub|3sg sois=Sub|1sg|2sg soient=Sub|3pl soyons=Sub|1pl soyez=Sub|2pl
avoir have AUX; ai; as; a; avons; avez; ont; eu=Part eue=Part|Fem eus=Part|Plur avais=Imp|1sg|2sg avait=Imp|3sg avions=Imp|1pl aviez=Imp|2pl avaient=Imp|3pl aurai=Fut|1sg auras=Fut|2sg aura=Fut|3sg aurons=Fut|1pl aurez=Fut|2pl auront=Fut|3pl aurais=Cond|1sg|2sg aurait=Cond|3sg auraient=Cond|3pl ait=Sub|3sg aies=Sub|2sg aient=Sub|3pl
aller go; vais; vas; va; allons; allez; vont; allé=Part allée=Part|Fem allés=Part|Plur allées=Part|Fem|Plur allais=Imp|1sg|2sg allait=Imp|3sg allaient=Imp|3pl irai=Fut|1sg iras=Fut|2sg ira=Fut|3sg irons=Fut|1pl irez=Fut|2pl iront=Fut|3pl irait=Cond|3sg aille=Sub|3sg
faire make; fais; fais; fait; faisons; faites; font; faisais=Imp|1sg|2sg faisait=Imp|3sg faisaient=Imp|3pl ferai=Fut|1sg fera=Fut|3sg feront=Fut|3pl ferait=Cond|3sg fasse=Sub|3sg faite=Part|Fem faits=Part|Plur
dire say; dis; dis; dit; disons; dites; disent; disait=Imp|3sg dira=Fut|3sg dite=Part|Fem dits=Part|Plur
pouvoir can; peux; peux; peut; pouvons; pouvez; peuvent; pu=Part pouvait=Imp|3sg pourra=Fut|3sg pourrait=Cond|3sg pourrais=Cond|1sg|2sg pourraient=Cond|3pl puisse=Sub|3sg
vouloir want; veux; veux; veut; voulons; voulez; veulent; voulu=Part voulait=Imp|3sg voudrait=Cond|3sg voudrais=Cond|1sg|2sg voudra=Fut|3sg
savoir know; sais; sais; sait; savons; savez; savent; su=Part savait=Imp|3sg saura=Fut|3sg sache=Sub|3sg
voir see; vois; vois; voit; voyons; voyez; voient; vu=Part vue=Part|Fem vus=Part|Plur voyait=Imp|3sg verra=Fut|3sg
venir come; viens; viens; vient; venons; venez; viennent; venu=Part venue=Part|Fem venus=Part|Plur venait=Imp|3sg viendra=Fut|3sg
tenir hold; tiens; tiens; tient; tenons; tenez; tiennent; tenu=Part
devenir become; deviens; deviens; devient; devenons; devenez; deviennent; devenu=Part devenue=Part|Fem
revenir return; reviens; reviens; revient; revenons; revenez; reviennent; revenu=Part
prendre take; prends; prends; prend; prenons; prenez; prennent; pris=Part prise=Part|Fem prenait=Imp|3sg prendra=Fut|3sg
comprendre understand; comprends; comprends; comprend; comprenons; comprenez; comprennent; compris=Part
apprendre learn; apprends; apprends; apprend; apprenons; apprenez; apprennent; appris=Part
mettre put; mets; mets; met; mettons; mettez; mettent; mis=Part mise=Part|Fem
permettre allow; permets; permets; permet; permettons; permettez; permettent; permis=Part
promettre promise; promets; promets; promet; promettons; promettez; promettent; promis=Part
devoir must; dois; dois; doit; devons; devez; doivent; dû=Part devait=Imp|3sg devrait=Cond|3sg devrais=Cond|1sg|2sg
falloir need; ; ; faut; ; ; ; fallu=Part fallait=Imp|3sg faudra=Fut|3sg faudrait=Cond|3sg
dormir sleep; dors; dors; dort; dormons; dormez; dorment; dormi=Part dormait=Imp|3sg
partir leave; pars; pars; part; partons; partez; partent; parti=Part partie=Part|Fem partis=Part|Plur
sortir exit; sors; sors; sort; sortons; sortez; sortent; sorti=Part sortie=Part|Fem
sentir feel; sens; sens; sent; sentons; sentez; sentent; senti=Part
mentir lie; mens; mens; ment; mentons; mentez; mentent; menti=Part
servir serve; sers; sers; sert; servons; servez; servent; servi=Part
courir run; cours; cours; court; courons; courez; courent; couru=Part
lire read; lis; lis; lit; lisons; lisez; lisent; lu=Part lue=Part|Fem
écrire write; écris; écris; écrit; écrivons; écrivez; écrivent; écrite=Part|Fem
décrire describe; décris; décris; décrit; décrivons; décrivez; décrivent
boire drink; bois; bois; boit; buvons; buvez; boivent; bu=Part
croire believe; crois; crois; croit; croyons; croyez; croient; cru=Part
connaître know; connais; connais; connaît; connaissons; connaissez; connaissent; connu=Part connue=Part|Fem
reconnaître recognize; reconnais; reconnais; reconnaît; reconnaissons; reconnaissez; reconnaissent; reconnu=Part
paraître seem; parais; parais; paraît; paraissons; paraissez; paraissent; paru=Part
vivre live; vis; vis; vit; vivons; vivez; vivent; vécu=Part
ouvrir open; ouvre; ouvres; ouvre; ouvrons; ouvrez; ouvrent; ouvert=Part ouverte=Part|Fem
offrir offer; offre; offres; offre; offrons; offrez; offrent; offert=Part
couvrir cover; couvre; couvres; couvre; couvrons; couvrez; couvrent; couvert=Part
découvrir discover; découvre; découvres; découvre; découvrons; découvrez; découvrent; découvert=Part
souffrir suffer; souffre; souffres; souffre; souffrons; souffrez; souffrent; souffert=Part
cueillir pick; cueille; cueilles; cueille; cueillons; cueillez; cueillent; cueilli=Part
recevoir receive; reçois; reçois; reçoit; recevons; recevez; reçoivent; reçu=Part
mourir die; meurs; meurs; meurt; mourons; mourez; meurent; morte=Part|Fem
naître born; nais; nais; naît; naissons; naissez; naissent; né=Part née=Part|Fem nés=Part|Plur
rire laugh; ris; ris; rit; rions; riez; rient; ri=Part
sourire smile; souris; souris; sourit; sourions; souriez; sourient
suivre follow; suis; suis; suit; suivons; suivez; suivent; suivi=Part
conduire drive; conduis; conduis; conduit; conduisons; conduisez; conduisent
construire build; construis; construis; construit; construisons; construisez; construisent
produire produce; produis; produis; produit; produisons; produisez; produisent
traduire translate; traduis; traduis; traduit; traduisons; traduisez; traduisent
détruire destroy; détruis; détruis; détruit; détruisons; détruisez; détruisent
plaire please; plais; plais; plaît; plaisons; plaisez; plaisent; plu=Part
pleuvoir rain; ; ; pleut; ; ; ; pleuvait=Imp|3sg
asseoir sit; assieds; assieds; assied; asseyons; asseyez; asseyent; assis=Part assise=Part|Fem
battre beat; bats; bats; bat; battons; battez; battent; battu=Part
combattre fight; combats; combats; combat; combattons; combattez; combattent
craindre fear; crains; crains; craint; craignons; craignez; craignent
peindre paint; peins; peins; peint; peignons; peignez; peignent
rejoindre join; rejoins; rejoins; rejoint; rejoignons; rejoignez; rejoignent
valoir worth; vaux; vaux; vaut; valons; valez; valent
envoyer send; envoie; envoies; envoie; envoyons; envoyez; envoient; envoyé=Part envoyée=Part|Fem
payer pay; paie; paies; paie; payons; payez; paient; payé=Part
essayer try; essaie; essaies; essaie; essayons; essayez; essaient; essayé=Part
nettoyer clean; nettoie; nettoies; nettoie; nettoyons; nettoyez; nettoient; nettoyé=Part
employer employ; emploie; emploies; emploie; employons; employez; emploient; employé=Part
appeler call; appelle; appelles; appelle; appelons; appelez; appellent; appelé=Part
jeter throw; jette; jettes; jette; jetons; jetez; jettent; jeté=Part
acheter buy; achète; achètes; achète; achetons; achetez; achètent; acheté=Part
lever raise; lève; lèves; lève; levons; levez; lèvent; levé=Part
mener lead; mène; mènes; mène; menons; menez; mènent; mené=Part
amener bring; amène; amènes; amène; amenons; amenez; amènent; amené=Part
emmener take; emmène; emmènes; emmène; emmenons; emmenez; emmènent
promener walk; promène; promènes; promène; promenons; promenez; promènent
préférer prefer; préfère; préfères; préfère; préférons; préférez; préfèrent; préféré=Part
espérer hope; espère; espères; espère; espérons; espérez; espèrent; espéré=Part
répéter repeat; répète; répètes; répète; répétons; répétez; répètent; répété=Part
protéger protect; protège; protèges; protège; protégeons; protégez; protègent; protégé=Part
`;

// masculine gloss gender [plural, or - for plural-only]
export const NOUNS = `
chat cat m
chatte cat f
chien dog m
chienne dog f
oiseau bird m
poisson fish m
cheval horse m
vache cow f
cochon pig m
mouton sheep m
poule chicken f
poulet chicken m
coq rooster m
canard duck m
lapin rabbit m
souris mouse f
rat rat m
lion lion m
tigre tiger m
ours bear m
loup wolf m
renard fox m
singe monkey m
éléphant elephant m
serpent snake m
insecte insect m
abeille bee f
mouche fly f
araignée spider f
papillon butterfly m
grenouille frog f
tortue turtle f
animal animal m
bête beast f
âne donkey m
chèvre goat f
baleine whale f
requin shark m
dauphin dolphin m
aigle eagle m
hibou owl m
girafe giraffe f
homme man m
femme woman f
enfant child m
garçon boy m
fille girl f
bébé baby m
père father m
mère mother f
frère brother m
sœur sister f
fils son m
parent parent m
grand-père grandfather m grands-pères
grand-mère grandmother f grands-mères
oncle uncle m
tante aunt f
cousin cousin m
cousine cousin f
mari husband m
ami friend m
amie friend f
copain friend m
copine friend f
voisin neighbor m
voisine neighbor f
professeur teacher m
maître teacher m
maîtresse teacher f
élève student m
étudiant student m
étudiante student f
médecin doctor m
docteur doctor m
infirmière nurse f
infirmier nurse m
roi king m
reine queen f
prince prince m
princesse princess f
soldat soldier m
policier policeman m
juge judge m
avocat lawyer m
chef chief m
patron boss m
ouvrier worker m
travailleur worker m
auteur author m
écrivain writer m
artiste artist m
chanteur singer m
chanteuse singer f
acteur actor m
actrice actress f
joueur player m
joueuse player f
client customer m
gens people m -
personne person f
peuple people m
monde world m
famille family f
dame lady f
monsieur sir m messieurs
madame madam f mesdames
fermier farmer m
boulanger baker m
cuisinier cook m
pilote pilot m
marin sailor m
pêcheur fisherman m
voleur thief m
héros hero m
président president m
ministre minister m
directeur director m
secrétaire secretary m
vendeur seller m
habitant resident m
citoyen citizen m
étranger stranger m
invité guest m
tête head f
main hand f
pied foot m
bras arm m
jambe leg f
œil eye m yeux
oreille ear f
nez nose m
bouche mouth f
dent tooth f
cheveu hair m
visage face m
cœur heart m
corps body m
dos back m
ventre belly m
doigt finger m
cou neck m
épaule shoulder f
genou knee m
peau skin f
sang blood m
os bone m
langue language f
voix voice f
esprit mind m
âme soul f
santé health f
maison house f
porte door f
fenêtre window f
chambre bedroom f
cuisine kitchen f
salle room f
pièce room f
mur wall m
toit roof m
table table f
chaise chair f
lit bed m
tapis mat m
lampe lamp f
clé key f
escalier staircase m
jardin garden m
cour yard f
fleur flower f
arbre tree m
herbe grass f
feuille leaf f
plante plant f
forêt forest f
bois wood m
montagne mountain f
colline hill f
rivière river f
fleuve river m
mer sea f
océan ocean m
lac lake m
plage beach f
île island f
ciel sky m cieux
soleil sun m
lune moon f
étoile star f
nuage cloud m
pluie rain f
neige snow f
vent wind m
orage storm m
temps time m
eau water f
feu fire m
terre earth f
air air m
pierre stone f
sable sand m
champ field m
route road f
rue street f
chemin path m
pont bridge m
ville city f
village village m
pays country m
campagne countryside f
place square f
parc park m
magasin store m
marché market m
boutique shop f
école school f
église church f
hôpital hospital m
gare station f
bureau office m
usine factory f
banque bank f
restaurant restaurant m
café coffee m
hôtel hotel m
musée museum m
bibliothèque library f
cinéma cinema m
théâtre theater m
château castle m
ferme farm f
prison prison f
port harbor m
aéroport airport m
livre book m
stylo pen m
crayon pencil m
papier paper m
lettre letter f
journal newspaper m
carte map f
photo photo f
image picture f
tableau painting m
téléphone phone m
ordinateur computer m
écran screen m
radio radio f
télévision television f
voiture car f
vélo bicycle m
bus bus m
train train m
avion plane m
bateau boat m
camion truck m
moto motorcycle f
roue wheel f
sac bag m
boîte box f
bouteille bottle f
verre glass m
tasse cup f
assiette plate f
couteau knife m
fourchette fork f
cuillère spoon f
bol bowl m
chapeau hat m
chemise shirt f
robe dress f
pantalon trousers m
chaussure shoe f
manteau coat m
veste jacket f
jupe skirt f
chaussette sock f
gant glove m
lunettes glasses f -
montre watch f
horloge clock f
argent money m
prix price m
cadeau gift m
jouet toy m
ballon ball m
balle ball f
jeu game m
outil tool m
machine machine f
arme weapon f
épée sword f
fusil gun m
drapeau flag m
miroir mirror m
savon soap m
médicament medicine m
pain bread m
lait milk m
fromage cheese m
beurre butter m
œuf egg m
viande meat f
bœuf beef m
porc pork m
jambon ham m
fruit fruit m
pomme apple f
poire pear f
orange orange f
banane banana f
raisin grape m
citron lemon m
fraise strawberry f
cerise cherry f
légume vegetable m
carotte carrot f
tomate tomato f
salade salad f
riz rice m
sucre sugar m
sel salt m
poivre pepper m
soupe soup f
gâteau cake m
chocolat chocolate m
vin wine m
bière beer f
thé tea m
jus juice m
repas meal m
déjeuner lunch m
dîner dinner m
petit-déjeuner breakfast m petits-déjeuners
nourriture food f
huile oil f
miel honey m
glace ice f
jour day m
nuit night f
matin morning m
soir evening m
soirée evening f
semaine week f
mois month m
an year m
année year f
heure hour f
minute minute f
moment moment m
instant instant m
siècle century m
saison season f
printemps spring m
automne autumn m
hiver winter m
lundi monday m
mardi tuesday m
mercredi wednesday m
jeudi thursday m
vendredi friday m
samedi saturday m
dimanche sunday m
janvier january m
février february m
mars march m
avril april m
mai may m
juin june m
juillet july m
août august m
septembre september m
octobre october m
novembre november m
décembre december m
date date f
fois time f
passé past m
avenir future m
futur future m
vie life f
mort death f
naissance birth f
âge age m
anniversaire birthday m
fête party f
vacances vacation f -
week-end weekend m
chose thing f
idée idea f
question question f
réponse answer f
problème problem m
raison reason f
vérité truth f
mensonge lie m
histoire story f
mot word m
phrase sentence f
nom name m
parole word f
travail work m
métier job m
emploi job m
affaire business f
guerre war f
paix peace f
amour love m
joie joy f
peur fear f
colère anger f
bonheur happiness m
tristesse sadness f
espoir hope m
rêve dream m
souvenir memory m
pensée thought f
sentiment feeling m
envie desire f
besoin need m
force strength f
droit right m
loi law f
règle rule f
ordre order m
liberté freedom f
justice justice f
politique politics f
gouvernement government m
état state m
nation nation f
société society f
culture culture f
art art m
musique music f
chanson song f
danse dance f
film film m
roman novel m
poème poem m
science science f
nature nature f
exemple example m
fin end f
début beginning m
milieu middle m
côté side m
partie part f
part share f
moitié half f
nombre number m
numéro number m
chiffre figure m
ligne line f
forme shape f
couleur color f
bruit noise m
lumière light f
ombre shadow f
odeur smell f
goût taste m
sens sense m
chance luck f
danger danger m
accident accident m
erreur error f
faute fault f
succès success m
effort effort m
aide help f
conseil advice m
nouvelle news f
information information f
message message m
cours course m
leçon lesson f
classe class f
examen exam m
note note f
page page f
voyage trip m
visite visit f
promenade walk f
course race f
sport sport m
match match m
équipe team f
victoire victory f
manière way f
façon way f
moyen means m
cas case m
fait fact m
sujet subject m
objet object m
rôle role m
plan plan m
projet project m
système system m
groupe group m
niveau level m
type type m
sorte kind f
genre kind m
espèce species f
entreprise company f
produit product m
service service m
compte account m
valeur value f
qualité quality f
quantité quantity f
taille size f
poids weight m
hauteur height f
longueur length f
vitesse speed f
distance distance f
direction direction f
nord north m
sud south m
ouest west m
centre center m
bord edge m
fond bottom m
haut top m
coin corner m
bout end m
dieu god m
enfer hell m
paradis paradise m
regard look m
sourire smile m
larme tear f
cri scream m
geste gesture m
attention attention f
silence silence m
sommeil sleep m
faim hunger f
soif thirst f
chaleur heat f
froid cold m
tour turn m
fils son m
sommet summit m
voie way f
tâche task f
souci worry m
prière prayer f
mariage marriage m
repos rest m
bateau boat m
marche step f
porte door f
`;

// masculine gloss [feminine|.] [masculine plural|.] [extra masculine forms]
export const ADJECTIVES = `
grand big
petit small
bon good bonne
mauvais bad
beau beautiful belle beaux bel
joli pretty
jeune young
vieux old vieille vieux vieil
nouveau new nouvelle nouveaux nouvel
haut high
bas low basse
long long longue
court short
gros fat grosse
mince thin
large wide
étroit narrow
lourd heavy
léger light
chaud hot
froid cold
doux soft douce
dur hard
facile easy
difficile difficult
simple simple
rapide fast
lent slow
fort strong
faible weak
riche rich
pauvre poor
heureux happy
malheureux unhappy
triste sad
content glad
gentil kind gentille
méchant mean
sage wise
fou crazy folle fous fol
calme calm
tranquille quiet
vrai true
faux false fausse
juste fair
important important
possible possible
impossible impossible
nécessaire necessary
utile useful
inutile useless
propre clean
sale dirty
plein full
vide empty
fermé closed
libre free
cher expensive
seul alone
prochain next
ancien ancient
moderne modern
même same
autre other
différent different
pareil similar
entier whole
grave serious
sérieux serious
drôle funny
intéressant interesting
ennuyeux boring
magnifique magnificent
superbe superb
célèbre famous
inconnu unknown
étrange strange
bizarre weird
normal normal
naturel natural
spécial special
général general
national national
international international
social social
local local
public public publique
privé private
personnel personal
humain human
noir black
blanc white blanche
rouge red
bleu blue
vert green
jaune yellow
gris gray grise
brun brown
rose pink
violet purple violette
clair clear
sombre dark
obscur dark
sec dry sèche
mouillé wet
frais fresh fraîche
tiède warm
brillant bright
fatigué tired
malade sick
vivant alive
prêt ready
occupé busy
sûr sure
certain certain
fier proud
jaloux jealous jalouse
curieux curious
courageux brave
dangereux dangerous
délicieux delicious
merveilleux wonderful
nerveux nervous
paresseux lazy
sportif athletic
actif active
vif lively
meilleur better
pire worse
énorme huge
immense immense
minuscule tiny
profond deep
bref brief brève
rond round
carré square
plat flat
gauche left
humide wet
poli polite
timide shy
intelligent intelligent
stupide stupid
idiot stupid
laid ugly
mignon cute
charmant charming
agréable pleasant
désagréable unpleasant
parfait perfect
excellent excellent
terrible terrible
horrible horrible
incroyable incredible
rare rare
fréquent frequent
commun common
populaire popular
complet complete complète
inquiet worried inquiète
secret secret secrète
muet silent muette
net clear nette
français french
anglais english
américain american
allemand german
italien italian
espagnol spanish
chinois chinese
japonais japanese
européen european
africain african
canadien canadian
russe russian
belge belgian
suisse swiss
principal main
final final
réel real
moral moral
égal equal
cruel cruel
actuel current
nombreux many
blessé injured
perdu lost
caché hidden
connu known
aimé loved
marié married
sauvage wild
`;

// regular -er verbs: infinitive gloss
export const ER_VERBS = `
parler speak
aimer love
manger eat
jouer play
regarder watch
écouter listen
chanter sing
danser dance
marcher walk
travailler work
habiter live
donner give
trouver find
penser think
demander ask
porter carry
montrer show
passer pass
arriver arrive
entrer enter
rester stay
tomber fall
chercher search
laisser leave
commencer begin
garder keep
fermer close
oublier forget
rentrer return
retourner return
tourner turn
sembler seem
continuer continue
ajouter add
aider help
gagner win
cuisiner cook
nager swim
voyager travel
changer change
pleurer cry
crier shout
tirer pull
pousser push
rencontrer meet
raconter tell
expliquer explain
décider decide
utiliser use
étudier study
apporter bring
emporter take
coûter cost
compter count
couper cut
cacher hide
sauter jump
voler fly
louer rent
laver wash
réveiller wake
visiter visit
inviter invite
accepter accept
refuser refuse
dessiner draw
fumer smoke
toucher touch
goûter taste
rêver dream
exister exist
arrêter stop
quitter leave
monter climb
rouler roll
pêcher fish
chasser hunt
planter plant
tuer kill
sauver save
briller shine
souffler blow
commander order
préparer prepare
organiser organize
imaginer imagine
présenter present
discuter discuss
créer create
manquer miss
frapper hit
attraper catch
lancer throw
bouger move
partager share
deviner guess
adorer adore
détester hate
respecter respect
remercier thank
saluer greet
embrasser kiss
oser dare
signer sign
réparer repair
installer install
allumer light
écraser crush
ranger tidy
nager swim
voler steal
garer park
glisser slip
grimper climb
habiller dress
jurer swear
lutter fight
marquer mark
mériter deserve
noter note
occuper occupy
pardonner forgive
participer participate
passer spend
poser put
pratiquer practice
prier pray
prononcer pronounce
prouver prove
quitter quit
regretter regret
remarquer notice
remplacer replace
réserver book
retrouver find
saigner bleed
sonner ring
soigner treat
supporter bear
surveiller watch
téléphoner phone
terminer finish
tomber drop
traverser cross
tromper deceive
trembler tremble
verser pour
accompagner accompany
admirer admire
annoncer announce
arroser water
avancer advance
bavarder chat
blesser hurt
brûler burn
calculer calculate
casser break
causer cause
chauffer heat
classer rank
coller stick
copier copy
corriger correct
débarrasser clear
déchirer tear
décorer decorate
déjeuner lunch
demeurer remain
dépenser spend
déposer drop
déranger disturb
désirer desire
dîner dine
diriger lead
durer last
éclater burst
économiser save
effacer erase
éviter avoid
exprimer express
fâcher anger
fêter celebrate
fixer fix
former form
forcer force
fouiller search
gâcher spoil
gêner bother
goûter taste
hésiter hesitate
ignorer ignore
intéresser interest
inventer invent
jeûner fast
laver wash
livrer deliver
loger house
mélanger mix
menacer threaten
mesurer measure
moquer mock
nommer name
observer observe
patiner skate
peigner comb
penser think
placer place
pleurer weep
plier fold
porter wear
pousser grow
profiter enjoy
quitter leave
raconter tell
ramasser pick
recommencer restart
réclamer claim
reculer retreat
refuser refuse
regarder look
rêver dream
risquer risk
rouler drive
sauter jump
séparer separate
serrer squeeze
siffler whistle
skier ski
soupirer sigh
tenter attempt
tirer shoot
tousser cough
tracer trace
traîner drag
transporter transport
trier sort
voter vote
`;

// regular -ir verbs (finir type): infinitive gloss
export const IR_VERBS = `
finir finish
choisir choose
grandir grow
réussir succeed
remplir fill
obéir obey
réfléchir reflect
punir punish
guérir heal
bâtir build
agir act
saisir grab
nourrir feed
fournir provide
réunir gather
applaudir applaud
atterrir land
vieillir age
grossir gain
bondir leap
enrichir enrich
établir establish
franchir cross
jaillir spring
pâlir pale
ralentir slow
rebondir bounce
remplir fill
rétablir restore
salir dirty
trahir betray
unir unite
`;

// regular -re verbs (vendre type): infinitive gloss
export const RE_VERBS = `
vendre sell
attendre wait
répondre answer
entendre hear
perdre lose
rendre return
descendre descend
défendre defend
tendre stretch
mordre bite
fondre melt
pendre hang
correspondre correspond
étendre extend
confondre confuse
dépendre depend
détendre relax
prétendre claim
répandre spread
suspendre suspend
tordre twist
`;
