package fakeclinic

import "strings"

// Name data. Each list is "; "-separated; an entry is its Latin spellings
// separated by "/" (the transliteration variants a clinic meets on passports,
// préfecture letters and court decisions), optionally followed by "=" and the
// name in its native script. Names are common given and family names of each
// region, combined at random: no entry describes a person.

type entry struct {
	latin  []string
	native string
	deny   []string // folded given names never combined with this family name
}

type namePool struct {
	family, familyF, male, female []entry
	twoGiven                      float64 // probability of a second given name
	feminize                      bool    // Russian-style -ov/-ova family names
}

type origin struct {
	country, nationality string
	weight               int
	cities, langs        []string
	pool                 *namePool
}

var (
	maghreb = pool(0.15, false,
		`Bouzid=بوزيد; Haddad=حداد; Mansouri=منصوري; Chérif/Cherif=شريف; Belkacem=بلقاسم; Saïdi/Saidi=سعيدي; Hamidi=حميدي; Amrani/El Amrani=العمراني; Rahmani=رحماني; Khelifi/Khalifi=خليفي; Meziane=مزيان; Brahimi=براهيمي; Benyoucef/Ben Youssef=بن يوسف; El Idrissi/Idrissi=الإدريسي; Bennani=بناني; Trabelsi=الطرابلسي; Ben Salah=بن صالح; Hammami=الحمامي; Ouali=والي; Kaci=قاسي; Zerrouki=زروقي; Bouazza=بوعزة`,
		``,
		`Mohamed/Mohammed/Muhammad/Mohamad/Mouhamed=محمد; Ahmed/Ahmad=أحمد; Youssef/Yousef/Youcef/Yusuf=يوسف; Karim/Kareem=كريم; Rachid/Rashid=رشيد; Mustapha/Moustafa/Mostafa=مصطفى; Omar=عمر; Bilal=بلال; Hamza=حمزة; Samir=سمير; Nabil=نبيل; Abdelkader/Abdelkadir/Abdel Kader=عبد القادر; Walid/Oualid=وليد; Khaled/Khalid=خالد; Sofiane/Soufiane/Sufyan=سفيان; Amine/Amin=أمين; Mehdi/Mahdi=مهدي; Yacine/Yassine/Yasin=ياسين; Hocine/Houcine/Hussein=حسين; Redouane/Ridouane/Radwan=رضوان`,
		`Aïcha/Aicha/Aisha=عائشة; Fatima/Fatma=فاطمة; Khadija/Khadidja=خديجة; Meriem/Maryam/Myriam=مريم; Nour/Noor=نور; Samira=سميرة; Leïla/Leila/Layla=ليلى; Yasmine/Yasmina=ياسمين; Salma=سلمى; Zineb/Zaynab/Zeineb=زينب; Amina=أمينة; Houria=حورية; Nadia=نادية; Hanane/Hanan=حنان; Soumia/Soumaya=سمية; Imane/Iman=إيمان; Kenza=كنزة`)

	westAfrica = pool(0.4, false,
		`Diallo; Traoré/Traore; Coulibaly/Kulibali; Keïta/Keita; Camara/Kamara; Konaté/Konate; Diarra; Sylla/Sila; Cissé/Cisse; Sow; Bah/Ba; Barry/Bari; Touré/Toure; Kouyaté/Kouyate; Sangaré/Sangare; Doumbia/Dumbia; Fofana; Ndiaye/N'Diaye; Diop; Fall; Sarr; Gueye/Gaye; Faye; Koné/Kone; Bamba; Kouassi; Kouamé/Kouame; Yao; Soumaré/Soumare; Dramé/Drame; Sacko; Magassa; Tounkara; Bathily/Bathili`,
		``,
		`Mamadou/Mamadu; Abdoulaye/Abdulaye/Abdoulay; Oumar/Omar/Umar; Moussa/Musa; Ibrahima/Ibrahim; Boubacar/Boubakar/Aboubacar; Souleymane/Souleyman/Suleyman; Sekou/Sékou; Amadou/Ahmadou; Mohamed/Mouhamed/Mohamadou/Mohammed; Lamine; Cheikh/Cheick; Idrissa/Idrisa; Seydou/Seidou; Bakary/Bakari; Modibo; Kouadio; Issa; Alpha; Ousmane/Usman; Aliou/Alioune; Mody; Siaka`,
		`Fatoumata/Fatimata/Fatumata; Aminata; Mariam/Mariama/Mariame; Kadiatou/Kadidiatou/Khadidiatou; Aïssatou/Aissatou/Aïssata; Hawa/Awa; Djeneba/Djénéba; Oumou/Umu; Binta/Bintou; Ramatoulaye/Ramata; Adjoua; Aya; Salimata; Coumba/Koumba; Dieynaba/Diénaba; Néné/Nènè; Assitan; Korotoumou`)

	centralAfrica = pool(0.35, false,
		`Mbuyi; Tshibanda; Kalonji; Mukendi/Moukendi; Ilunga; Kasongo; Lukusa; Mputu; Makiese; Mabiala; Malonga; Nsimba; Nkounkou; Moukoko; Mbarga; Essomba; Fotso; Ngono; Tchoumi; Kabongo; Mulumba/Moulumba`,
		``,
		`Jean-Pierre; Patrick; Christian; Héritier/Heritier; Dieudonné/Dieudonne; Glody; Trésor/Tresor; Junior; Blaise; Serge; Fiston; Exaucé/Exauce; Cédric/Cedric; Jonathan; Rodrigue; Emmanuel`,
		`Grâce/Grace; Merveille; Esther; Chantal; Ruth; Béatrice/Beatrice; Nadège/Nadege; Divine; Ornella; Sandrine; Prisca; Gloire; Rebecca; Naomie/Naomi`)

	nigeria = pool(0.4, false,
		`Okafor; Adeyemi; Eze; Balogun; Nwosu; Ogunleye; Obi; Adebayo; Olawale; Okoro; Ibekwe; Nwachukwu; Afolabi`,
		``,
		`Chinedu; Emeka; Babatunde/Tunde; Oluwaseun/Seun; Ifeanyi; Kelechi; Samuel; Godwin; Chukwuemeka; Olumide; Ikenna; Segun`,
		`Blessing; Chioma; Ngozi; Funmilayo/Funmi; Adaeze/Ada; Precious; Folake; Joy; Oluwakemi/Kemi; Chiamaka; Amaka; Nkechi; Yetunde`)

	comoros = pool(0.4, false,
		`Ahamada; Abdallah; Soilihi/Soilih; Madi; Youssouf/Youssoufa; Attoumani/Athoumani; Bacar/Bakar; Saïd/Said; Ali; Houmadi; Msaidie; Hamada; Boina`,
		``,
		`Saïd/Said; Ahmed/Ahamed; Abdou; Ibrahim; Ali; Nassur/Nassour; Ismaël/Ismael/Ismail; Mouhamed/Mohamed/Mohammed; Anli; Fahardine; Dhoihir`,
		`Zaïnaba/Zainaba; Faïza/Faiza; Nadjma/Najma; Sitti/Siti; Hadidja/Khadija; Moinaecha/Mwanaisha; Anziza; Fatima; Mariama; Echata`)

	haiti = pool(0.35, false,
		`Joseph; Pierre; Jean-Baptiste; Louis; Charles; Saint-Fleur; Dorvil; Désir/Desir; Augustin; Fleurant; Toussaint; Jean-Louis; Célestin/Celestin; Michel; Exantus; Lafortune; Petit-Frère/Petit-Frere; Noël/Noel; Dorcely`,
		``,
		`Jean-Robert; Wilson; Frantz/Franz; Wesly/Wesley; Ricardo; Woodly; Fritznel; Jacky; Stevenson; Jean-Rony; Peterson; Wilner; Dieuseul; Junior`,
		`Nadège/Nadege; Rose-Marie; Mirlande; Guerline; Fabiola; Widline; Roselaure; Fedna; Marie-Carmelle; Esther; Nathalie; Béthanie/Bethanie; Magalie/Magali`)

	afghan = pool(0, false,
		`Ahmadi=احمدی; Rahimi=رحیمی; Hakimi=حکیمی; Sultani/Soltani=سلطانی; Noori/Nouri=نوری; Karimi=کریمی; Safi=صافی; Hashimi/Hachimi=هاشمی; Amiri=امیری; Sadat=سادات; Azizi=عزیزی; Habibi=حبیبی; Mohammadi/Mohamadi=محمدی; Stanikzai/Stanekzai=ستانکزی; Popalzai=پوپلزی; Wardak=وردک; Rezaei/Rezai=رضایی; Jafari/Djafari=جعفری`,
		``,
		`Mohammad/Mohamad/Muhammad/Mohammed=محمد; Ahmad/Ahmed=احمد; Abdul Rahman/Abdourahman=عبدالرحمن; Ali=علی; Hamid=حمید; Jawad/Djawad=جواد; Mustafa/Mostafa=مصطفی; Najib/Nadjib=نجیب; Rahmatullah/Rahmatoullah=رحمت الله; Zabihullah/Zabiullah=ذبیح الله; Sayed/Sayyed=سید; Wahid/Vahid=وحید; Farid=فرید; Nasir/Naser/Nasser=ناصر; Ramin=رامین; Sohrab=سهراب; Bashir/Bachir=بشیر; Hekmatullah=حکمت الله`,
		`Fatima/Fatema=فاطمه; Zahra/Zohra=زهرا; Maryam/Mariam=مریم; Shabnam/Chabnam=شبنم; Parwana/Parvaneh=پروانه; Khadija=خدیجه; Nargis/Narges=نرگس; Freshta/Fereshteh=فرشته; Marzia/Marzieh=مرضیه; Somaya/Soumaya=سمیه; Mahbooba/Mahboubeh=محبوبه; Laila/Leila=لیلا; Zainab/Zeynab=زینب`)

	eritrea = pool(0, false,
		`Tesfay/Tesfaye/Tesfai=ተስፋይ; Haile/Hailé=ሃይለ; Tekle/Teklé=ተኽለ; Yohannes/Johannes=ዮሃንስ; Mehari/Mehary=መሓሪ; Kidane=ኪዳነ; Berhane/Berhané=ብርሃነ; Habte=ሃብተ; Asmerom=ኣስመሮም; Woldemichael/Weldemichael=ወልደሚካኤል; Gebremariam/Ghebremariam=ገብረማርያም; Tewelde/Tewolde=ተወልደ; Goitom=ጎይቶም; Negash=ነጋሽ`,
		``,
		`Yonas/Jonas=ዮናስ; Filmon/Philemon=ፊልሞን; Samuel=ሳሙኤል; Daniel=ዳኒኤል; Abel=ኣቤል; Biniam/Biniyam=ቢንያም; Robel=ሮቤል; Henok/Henock=ሄኖክ; Mussie/Musie=ሙሴ; Yemane=የማነ; Aman=ኣማን; Semere=ሰመረ`,
		`Helen=ሄለን; Selam=ሰላም; Semhar=ሰምሃር; Luwam/Louam=ሉዋም; Feven/Fiven=ፌቨን; Saba=ሳባ; Winta=ዊንታ; Eden=ኤደን; Ruta=ሩታ; Yordanos=ዮርዳኖስ; Hiwet/Hiwot=ሕይወት; Senait=ሰናይት; Mebrat=መብራት`)

	ethiopia = pool(0, false,
		`Bekele=በቀለ; Girma=ግርማ; Alemu=አለሙ; Kebede=ከበደ; Mulugeta=ሙሉጌታ; Worku=ወርቁ; Desta=ደስታ; Tadesse/Tadese=ታደሰ; Getachew=ጌታቸው; Tesfaye=ተስፋዬ; Mekonnen/Mekonen=መኮንን`,
		``,
		`Dawit/David=ዳዊት; Solomon/Salomon=ሰለሞን; Yared=ያሬድ; Abel=አቤል; Henok=ሄኖክ; Biruk/Birouk=ብሩክ; Eyob/Iyob=ኢዮብ; Mesfin=መስፍን; Bereket=በረከት; Natnael/Nathanael=ናትናኤል`,
		`Tigist=ትዕግስት; Meseret=መሰረት; Hiwot=ሕይወት; Bethlehem/Betelhem=ቤተልሔም; Mekdes=መቅደስ; Selamawit=ሰላማዊት; Tsion/Sion=ጽዮን; Meron=ሜሮን; Liya/Lia=ሊያ; Rahel/Rachel=ራሔል; Almaz=አልማዝ`)

	sudan = pool(0.3, false,
		`Abdelrahman/Abderrahmane/Abdulrahman=عبد الرحمن; Osman/Othman=عثمان; Ibrahim=إبراهيم; Adam/Adem=آدم; Musa/Moussa=موسى; Haroun/Harun=هارون; Ishag/Ishaq=إسحاق; Abakar/Abbakar=أبكر; Yagoub/Yacoub/Yaqub=يعقوب; Suleiman/Souleiman=سليمان; Idris/Idriss=إدريس; Hamid=حامد; Bakhit=بخيت; Zakaria/Zakariya=زكريا`,
		``,
		`Mohamed/Mohammed/Muhammad=محمد; Ahmed=أحمد; Abdallah/Abdullah/Abdalla=عبد الله; Ismail/Ismaël=إسماعيل; Adam=آدم; Hassan/Hasan=حسن; Hussein/Hussain/Houssein=حسين; Mustafa/Moustafa=مصطفى; Omer/Omar=عمر; Mubarak/Moubarak=مبارك; Nour/Nur=نور; Khalid/Khaled=خالد; Yahia/Yahya=يحيى; Abubakar/Aboubakar=أبو بكر`,
		`Fatima/Fatma=فاطمة; Aisha/Aïcha=عائشة; Hawa/Haoua=حواء; Amna/Amina=آمنة; Mariam/Maryam=مريم; Khadija=خديجة; Halima=حليمة; Safia=صفية; Nafisa/Nefissa=نفيسة; Rasha=رشا`)

	levant = pool(0.1, false,
		`Al-Hassan/Alhassan/El Hassan=الحسن; Khalil=خليل; Najjar/Nadjar=النجار; Hamdan=حمدان; Saleh/Salih=صالح; Kurdi=الكردي; Al-Masri/Masri=المصري; Haddad=حداد; Shami/Chami=الشامي; Halabi=الحلبي; Sabbagh/Sabbag=الصباغ; Aboud/Abboud=عبود; Qassem/Kassem=قاسم; Issa=عيسى`,
		``,
		`Mohammad/Mohamed/Mohamad=محمد; Ahmad/Ahmed=أحمد; Khaled/Khalid=خالد; Omar=عمر; Yousef/Youssef/Yusuf=يوسف; Rami=رامي; Hussam/Houssam=حسام; Fadi=فادي; Tarek/Tareq/Tarik=طارق; Ammar/Amar=عمار; Bassel/Basil=باسل; Ghassan=غسان; Jamil/Djamil=جميل; Anas=أنس`,
		`Rania=رانيا; Nour=نور; Lina=لينا; Hala=هالة; Reem/Rim=ريم; Yara=يارا; Dima=ديما; Rasha=رشا; Ghada=غادة; Sawsan/Soussan=سوسن; Layal=ليال; Bushra/Boushra=بشرى; Mais/Mays=ميس`)

	ukraine = pool(0, true,
		`Kovalenko=Коваленко; Bondarenko=Бондаренко; Tkachenko=Ткаченко; Kravchenko=Кравченко; Melnyk/Melnik=Мельник; Boiko/Boyko=Бойко; Oliinyk/Oliynyk=Олійник; Lysenko/Lyssenko=Лисенко; Savchenko/Savtchenko=Савченко; Moroz=Мороз; Petrenko=Петренко; Marchenko/Martchenko=Марченко; Rudenko=Руденко; Pavlenko=Павленко; Hnatiuk/Gnatiuk=Гнатюк; Kovalchuk/Kovaltchouk=Ковальчук; Shevchuk/Chevtchouk=Шевчук`,
		``,
		`Oleksandr/Olexandr/Alexandre=Олександр; Andrii/Andriy/Andreï=Андрій; Serhii/Serhiy/Sergueï=Сергій; Dmytro/Dmitro=Дмитро; Mykola=Микола; Yurii/Yuriy/Iouri=Юрій; Vasyl/Vassyl=Василь; Ivan=Іван; Taras=Тарас; Bohdan/Bogdan=Богдан; Maksym/Maxim=Максим; Oleh/Oleg=Олег; Volodymyr=Володимир; Artem/Artiom=Артем; Roman=Роман`,
		`Olena/Elena=Олена; Olha/Olga=Ольга; Oksana=Оксана; Iryna/Irina=Ірина; Nataliia/Natalia/Nataliya=Наталія; Tetiana/Tetyana/Tatiana=Тетяна; Yuliia/Yulia/Ioulia=Юлія; Svitlana/Svetlana=Світлана; Anastasiia/Anastasia=Анастасія; Kateryna/Katerina=Катерина; Mariia/Maria=Марія; Halyna/Galina=Галина; Viktoriia/Viktoria=Вікторія`)

	russia = pool(0, true,
		`Magomedov=Магомедов; Saidov/Saïdov=Саидов; Umarov/Oumarov=Умаров; Israilov=Исраилов; Bisultanov/Bissoultanov=Бисултанов; Ismailov=Исмаилов; Petrov=Петров; Smirnov=Смирнов; Kuznetsov/Kouznetsov=Кузнецов; Popov=Попов; Sokolov=Соколов; Volkov=Волков; Khasanov/Hassanov=Хасанов; Dadaev/Dadayev=Дадаев; Aliev/Aliyev=Алиев`,
		``,
		`Magomed/Mahomed=Магомед; Rouslan/Ruslan=Руслан; Islam=Ислам; Akhmed/Ahmed=Ахмед; Timour/Timur=Тимур; Alexeï/Aleksei/Alexey=Алексей; Dmitri/Dmitry=Дмитрий; Sergueï/Sergey=Сергей; Adam=Адам; Aslan=Аслан; Ibragim/Ibrahim=Ибрагим; Zelimkhan/Zelimkhane=Зелимхан; Movsar=Мовсар`,
		`Elena/Yelena=Елена; Olga=Ольга; Tatiana/Tatyana=Татьяна; Madina/Medina=Мадина; Zarema=Зарема; Khava/Hava=Хава; Louisa/Luiza=Луиза; Anna=Анна; Malika=Малика; Kheda/Heda=Хеда; Petimat=Петимат; Aminat=Аминат; Svetlana=Светлана`)

	georgia = pool(0, false,
		`Beridze=ბერიძე; Kapanadze=კაპანაძე; Gelashvili/Guelachvili=გელაშვილი; Maisuradze=მაისურაძე; Giorgadze/Guiorgadze=გიორგაძე; Lomidze=ლომიძე; Tsiklauri/Tsiklaouri=წიკლაური; Abashidze/Abachidze=აბაშიძე; Khutsishvili/Khoutsichvili=ხუციშვილი; Japaridze/Djaparidze=ჯაფარიძე`,
		``,
		`Giorgi/Guiorgui/Gueorgui=გიორგი; Davit/David=დავით; Levan=ლევან; Nika=ნიკა; Irakli=ირაკლი; Zurab/Zourab=ზურაბ; Lasha/Lacha=ლაშა; Tornike=ტორნიკე`,
		`Nino=ნინო; Tamar/Tamara=თამარ; Mariam=მარიამ; Ana=ანა; Eka=ეკა; Natia=ნათია; Salome/Salomé=სალომე; Ketevan/Ketevane=ქეთევან`)

	china = pool(0, false,
		`Wang=王; Li/Lee=李; Zhang/Chang=张; Liu/Lau=刘; Chen/Chan=陈; Yang=杨; Huang/Wong=黄; Zhao/Chao=赵; Wu=吴; Zhou/Chou=周; Lin/Lam=林; Xu/Hsu=徐; Ye/Yip=叶; Pan=潘; Hu=胡`,
		``,
		`Wei=伟; Hao=浩; Lei=磊; Jianguo=建国; Ming=明; Qiang=强; Tao=涛; Jun=军; Xiaoming=晓明; Zhiwei=志伟; Haoran=浩然; Yong=勇; Bo=波`,
		`Fang=芳; Jing=静; Min=敏; Yan=燕; Hua=华; Xiuying=秀英; Xiaoling=晓玲; Mei=梅; Lan=兰; Yun=云; Hong=红; Lili=丽丽`)

	bangladesh = pool(0.5, false,
		`Hossain/Hossen/Hussain=হোসেন; Rahman/Rahaman=রহমান; Islam=ইসলাম; Ahmed/Ahmad=আহমেদ; Uddin/Uddine=উদ্দিন; Chowdhury/Choudhury=চৌধুরী; Miah/Mia=মিয়া; Sarker/Sarkar=সরকার; Khan=খান; Alam=আলম; Sheikh/Cheikh=শেখ; Mollah/Molla=মোল্লা`,
		`Akter/Akhter/Aktar=আক্তার; Begum/Begom=বেগম; Khatun/Khatoon=খাতুন`,
		`Mohammad/Md/Mohammed/Muhammad=মোহাম্মদ; Rakib=রাকিব; Shahidul/Chahidoul=শহিদুল; Jahangir=জাহাঙ্গীর; Kamrul=কামরুল; Rafiq/Rafik=রফিক; Sumon/Soumon=সুমন; Arif=আরিফ; Sohel/Sohail=সোহেল; Masud/Masood=মাসুদ; Nazmul=নাজমুল; Shafiqul=শফিকুল; Abdul=আব্দুল`,
		`Nasrin/Nasreen=নাসরিন; Fatema/Fatima=ফাতেমা; Shirin/Sherin=শিরিন; Sultana=সুলতানা; Rina=রিনা; Rokeya/Rokeia=রোকেয়া; Nusrat=নুসরাত; Sharmin/Charmine=শারমিন; Shapla=শাপলা; Ayesha/Aysha=আয়েশা`)

	albania = pool(0.05, false,
		`Krasniqi; Gashi; Hoxha/Hodja; Shehu/Chehu; Dervishi; Leka; Kola; Çela/Cela; Hysa; Marku; Prifti; Bajrami; Morina; Zeqiri/Zekiri; Kastrati; Ahmeti`,
		``,
		`Arben; Ermal; Besnik; Gentian; Erion; Klodian; Artan; Fatmir; Dritan; Ilir; Bledar; Elton; Altin; Gëzim/Gezim; Agron; Arbër/Arber`,
		`Elira; Blerina; Anxhela/Andjela; Ardita; Jonida; Mirela; Klea; Ervisa; Drita; Rozeta; Lumnije; Besa; Albana; Mimoza; Shqipe; Arjeta; Eriona`)

	serbia = pool(0, false,
		`Jovanović/Jovanovic=Јовановић; Petrović/Petrovic=Петровић; Nikolić/Nikolic=Николић; Marković/Markovic=Марковић; Đorđević/Djordjevic=Ђорђевић; Stojanović/Stojanovic=Стојановић; Ilić/Ilic=Илић; Pavlović/Pavlovic=Павловић; Stanković/Stankovic=Станковић; Ristić/Ristic=Ристић`,
		``,
		`Đorđe/Djordje/Dorđe=Ђорђе; Nikola=Никола; Miloš/Milos=Милош; Stefan=Стефан; Dragan=Драган; Nenad=Ненад; Dejan=Дејан; Marko=Марко; Zoran=Зоран; Goran=Горан; Bojan=Бојан`,
		`Jelena=Јелена; Milica=Милица; Ivana=Ивана; Snežana/Snezana=Снежана; Dragana=Драгана; Marija=Марија; Jovana=Јована; Zorica=Зорица; Vesna=Весна; Tijana=Тијана`)

	turkey = pool(0.15, false,
		`Yılmaz/Yilmaz; Kaya; Demir; Şahin/Sahin; Çelik/Celik; Aydın/Aydin; Doğan/Dogan; Arslan/Aslan; Öztürk/Ozturk; Kılıç/Kilic; Polat; Yıldız/Yildiz; Aktaş/Aktas; Tekin; Güneş/Gunes`,
		``,
		`Şükrü/Sukru; Mehmet/Mehmed; Ahmet/Ahmed; Mustafa; Hüseyin/Huseyin/Hussein; Ali; Hasan/Hassan; Murat/Mourad; Serkan; Zeki; Cemal/Djemal; İbrahim/Ibrahim; Rıza/Riza; Yusuf/Youssouf`,
		`Ayşe/Ayse; Fatma; Emine; Zeynep/Zeyneb; Hatice/Hatidje; Elif; Leyla/Leila; Gülistan/Gulistan; Rojda; Berivan; Songül/Songul; Sevgi; Dilan; Şirin/Sirin`)
)

// origins are the countries of the clinic's clients, weighted roughly like
// the caseload of a clinic in Île-de-France.
var origins = []origin{
	{"Algérie", "algérienne", 10, list("Alger; Oran; Constantine; Tizi Ouzou; Sétif; Annaba; Béjaïa"), list("arabe; kabyle; français"), maghreb},
	{"Maroc", "marocaine", 7, list("Casablanca; Rabat; Fès; Marrakech; Oujda; Tanger; Nador"), list("arabe; tamazight; français"), maghreb},
	{"Tunisie", "tunisienne", 4, list("Tunis; Sfax; Sousse; Bizerte; Gabès; Kairouan"), list("arabe; français"), maghreb},
	{"Mali", "malienne", 6, list("Bamako; Kayes; Ségou; Mopti; Sikasso; Nioro du Sahel"), list("bambara; soninké; peul; français"), westAfrica},
	{"Guinée", "guinéenne", 6, list("Conakry; Labé; Kankan; Nzérékoré; Kindia; Mamou"), list("peul; soussou; malinké; français"), westAfrica},
	{"Sénégal", "sénégalaise", 4, list("Dakar; Thiès; Saint-Louis; Ziguinchor; Kaolack; Touba"), list("wolof; peul; diola; français"), westAfrica},
	{"Côte d'Ivoire", "ivoirienne", 5, list("Abidjan; Bouaké; Daloa; Yamoussoukro; Korhogo; San-Pédro"), list("dioula; baoulé; bété; français"), westAfrica},
	{"RD Congo", "congolaise (RDC)", 5, list("Kinshasa; Lubumbashi; Goma; Bukavu; Kisangani; Matadi"), list("lingala; swahili; tshiluba; kikongo; français"), centralAfrica},
	{"Congo", "congolaise", 2, list("Brazzaville; Pointe-Noire; Dolisie"), list("lingala; kituba; français"), centralAfrica},
	{"Cameroun", "camerounaise", 3, list("Douala; Yaoundé; Bafoussam; Garoua; Bamenda"), list("français; anglais; ewondo; fulfulde"), centralAfrica},
	{"Nigeria", "nigériane", 2, list("Lagos; Benin City; Ibadan; Enugu; Port Harcourt"), list("anglais; yoruba; igbo; edo; pidgin nigérian"), nigeria},
	{"Comores", "comorienne", 4, list("Moroni; Mutsamudu; Fomboni; Mitsamiouli; Domoni"), list("comorien; français; arabe"), comoros},
	{"Haïti", "haïtienne", 4, list("Port-au-Prince; Cap-Haïtien; Les Cayes; Gonaïves; Jacmel"), list("créole haïtien; français"), haiti},
	{"Afghanistan", "afghane", 6, list("Kaboul; Hérat; Kandahar; Mazar-e Charif; Jalalabad; Ghazni; Kunduz"), list("dari; pachto; ouzbek"), afghan},
	{"Érythrée", "érythréenne", 3, list("Asmara; Keren; Massawa; Mendefera; Adi Keyh"), list("tigrinya; tigré; arabe; amharique"), eritrea},
	{"Éthiopie", "éthiopienne", 2, list("Addis-Abeba; Gondar; Dire Dawa; Mekele; Bahir Dar; Jimma"), list("amharique; oromo; tigrinya"), ethiopia},
	{"Soudan", "soudanaise", 4, list("Khartoum; El Geneina; Nyala; El Facher; Omdourman; Kassala"), list("arabe; four; zaghawa; masalit"), sudan},
	{"Syrie", "syrienne", 3, list("Alep; Damas; Homs; Deir ez-Zor; Idlib; Hama; Qamichli"), list("arabe; kurde"), levant},
	{"Ukraine", "ukrainienne", 4, list("Kyiv; Kharkiv; Odessa; Dnipro; Zaporijjia; Lviv; Marioupol"), list("ukrainien; russe"), ukraine},
	{"Russie", "russe", 2, list("Grozny; Goudermes; Makhatchkala; Naltchik; Moscou; Saint-Pétersbourg"), list("russe; tchétchène; avar"), russia},
	{"Géorgie", "géorgienne", 3, list("Tbilissi; Koutaïssi; Batoumi; Roustavi; Zougdidi"), list("géorgien; russe"), georgia},
	{"Chine", "chinoise", 2, list("Wenzhou; Qingtian; Fuzhou; Shanghai; Canton; Harbin"), list("mandarin; wenzhounais; cantonais"), china},
	{"Bangladesh", "bangladaise", 4, list("Dacca; Sylhet; Chittagong; Comilla; Noakhali; Moulvibazar"), list("bengali; sylheti; anglais"), bangladesh},
	{"Albanie", "albanaise", 3, list("Tirana; Durrës; Elbasan; Shkodër; Fier; Vlorë"), list("albanais; italien"), albania},
	{"Kosovo", "kosovare", 1, list("Pristina; Prizren; Peja; Mitrovica; Gjakova"), list("albanais; serbe"), albania},
	{"Serbie", "serbe", 1, list("Belgrade; Niš; Novi Sad; Kragujevac; Leskovac"), list("serbe; romani"), serbia},
	{"Turquie", "turque", 3, list("Diyarbakır; Istanbul; Van; Mardin; Batman; Kahramanmaraş"), list("turc; kurde; zazaki"), turkey},
}

// denied are "given family" pairs (folded to lower-case ASCII) that would
// name a well-known real person; such a draw is redrawn.
var denied = list("moussa traore; ibrahim traore; aminata traore; boubacar traore; sekou toure; modibo keita; oumou sangare; souleymane cisse; idrissa gueye; cheikh diop; wei wang; ahmet kaya; emeka okafor")

func init() {
	for _, pair := range denied {
		given, family, _ := strings.Cut(pair, " ")
		for _, o := range origins {
			for i := range o.pool.family {
				e := &o.pool.family[i]
				for _, v := range e.latin {
					if fold(v) == family && !contains(e.deny, given) {
						e.deny = append(e.deny, given)
					}
				}
			}
		}
	}
}

func pool(twoGiven float64, feminize bool, family, familyF, male, female string) *namePool {
	return &namePool{
		family: entries(family), familyF: entries(familyF),
		male: entries(male), female: entries(female),
		twoGiven: twoGiven, feminize: feminize,
	}
}

func entries(s string) []entry {
	var out []entry
	for _, item := range list(s) {
		latin, native, _ := strings.Cut(item, "=")
		out = append(out, entry{latin: strings.Split(latin, "/"), native: native})
	}
	return out
}

func list(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ";")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
