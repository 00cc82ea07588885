/// Small lists of common names by naming tradition, for plausible synthetic claimants. No list describes a real person.
struct NameGroup: Sendable {
    let male: [String]
    let female: [String]
    let family: [String]

    init(male: String, female: String, family: String) {
        func words(_ text: String) -> [String] { text.split(separator: ",").map { String($0.drop { $0 == " " }) } }
        self.male = words(male)
        self.female = words(female)
        self.family = words(family)
    }
}

/// The naming traditions claimants come from, and the UK names staff and representatives have.
enum SyntheticNames {
    static let albanian = NameGroup(
        male: "Arben, Besnik, Ermal, Klodian, Gentian, Dritan, Erion, Florian, Indrit, Kristian, Marsel, Orges, Elton, Ardit, Endrit, Fatjon, Renaldo, Xhuljan, Ervis, Aldo",
        female: "Anisa, Blerta, Elira, Enkeleda, Fatjona, Klea, Mirela, Rovena, Xhensila, Ilda, Ardita, Eriola",
        family: "Hoxha, Shehu, Gashi, Berisha, Krasniqi, Leka, Daci, Kola, Marku, Hysa, Basha, Cela, Dervishi, Gjoka, Lika, Muca, Prifti, Sula, Zeneli, Kurti, Memaj, Tafa, Vata, Bregu")
    static let afghan = NameGroup(
        male: "Ahmad, Mohammad, Abdul, Hamid, Farid, Sayed, Naweed, Rahmatullah, Zabihullah, Jawad, Mujtaba, Ali, Hussain, Ezatullah, Samiullah, Bilal, Khalid, Shafiq, Wahid, Idris",
        female: "Zahra, Fatima, Mariam, Nadia, Laila, Shabnam, Parwana, Zarghona, Mahbooba, Freshta",
        family: "Ahmadi, Rahimi, Hakimi, Karimi, Noori, Sultani, Popal, Mohammadi, Hussaini, Stanekzai, Safi, Wardak, Amiri, Jafari, Haidari, Zadran, Nazari, Sharifi, Yousufzai, Rezaie")
    static let persian = NameGroup(
        male: "Reza, Ali, Mohammad, Hossein, Mehdi, Amir, Saeed, Hamid, Arash, Babak, Dariush, Kaveh, Omid, Pouya, Milad, Behzad, Farhad, Navid",
        female: "Maryam, Zahra, Fatemeh, Leila, Shirin, Niloufar, Parisa, Sara, Narges, Mahsa, Elham",
        family: "Hosseini, Mohammadi, Rezaei, Moradi, Karimi, Jafari, Sadeghi, Ghasemi, Kazemi, Naderi, Tehrani, Bagheri, Hashemi, Ebrahimi, Mousavi, Rostami, Nouri, Heidari, Akbari, Shirazi")
    static let kurdish = NameGroup(
        male: "Karwan, Rebwar, Hemin, Aram, Dilshad, Shwan, Sirwan, Soran, Zana, Bryar, Hawkar, Kawa, Rekan, Hardi, Dana, Hogr, Peshawa, Ranj",
        female: "Shilan, Avin, Nasrin, Rozhan, Shno, Bahar, Lana, Zhilwan, Hana, Awaz",
        family: "Abdullah, Ahmed, Hama, Rashid, Aziz, Mahmoud, Omar, Salih, Karim, Qadir, Faraj, Ali, Mustafa, Hassan, Rasul, Jalal, Amin, Khidir")
    static let arabic = NameGroup(
        male: "Mohammed, Ahmed, Mahmoud, Omar, Khaled, Youssef, Ibrahim, Mustafa, Hassan, Ali, Abdullah, Tariq, Karim, Samir, Adel, Hamza, Anas, Bashar, Walid, Majid",
        female: "Fatima, Aisha, Mariam, Noor, Huda, Layla, Rania, Salma, Amal, Hiba, Yasmin",
        family: "Al-Ahmad, Hassan, Ibrahim, Mahmoud, Abdelrahman, Al-Khatib, Haddad, Saleh, Youssef, Othman, Mansour, Al-Hassan, Nasser, Suleiman, Hamdan, Al-Shammari, Darwish, Khalil, Aziz, Al-Masri")
    static let sudanese = NameGroup(
        male: "Mohamed, Ahmed, Abdelrahman, Osman, Yousif, Adam, Ibrahim, Elsadig, Hamza, Abubakar, Musa, Ismail, Suleiman, Haroun, Abdallah, Babiker, Mubarak, Ishag",
        female: "Fatima, Amna, Hawa, Mariam, Samia, Asha, Halima, Zainab",
        family: "Abdalla, Osman, Adam, Ibrahim, Mohamed, Hassan, Elamin, Yagoub, Ishag, Abakar, Haroun, Mustafa, Idris, Ahmed, Khamis, Bashir, Eltayeb, Abdelkarim")
    static let habesha = NameGroup(
        male: "Tesfay, Yonas, Dawit, Samuel, Filmon, Habtom, Kibrom, Mehari, Robel, Yohannes, Berhane, Tekle, Biniam, Amanuel, Henok, Merhawi, Senay, Natnael, Abel, Mussie",
        female: "Helen, Senait, Selam, Lidya, Feven, Rahel, Saba, Winta, Yordanos, Meron, Ruta, Eden",
        family: "Tesfamariam, Ghebremedhin, Haile, Kidane, Tekle, Berhe, Gebremichael, Woldemariam, Asfaha, Mehari, Negash, Abraha, Tsegay, Habte, Yemane, Kahsay, Gebru, Tesfaye, Alemu, Girma")
    static let oromo = NameGroup(
        male: "Abdi, Chala, Gemechu, Lemma, Tolosa, Dereje, Bekele, Hailu, Kebede, Tadesse, Fikadu, Jemal",
        female: "Chaltu, Bontu, Hawi, Lensa, Meseret, Tigist, Almaz, Aster",
        family: "Bekele, Tolosa, Gudina, Lemma, Wakjira, Dinsa, Fayisa, Kebede, Tadesse, Abdi, Gemechu, Merga")
    static let pakistani = NameGroup(
        male: "Muhammad, Imran, Bilal, Usman, Asif, Zeeshan, Kamran, Faisal, Waqas, Adnan, Hamza, Shahid, Naveed, Tahir, Arslan, Junaid",
        female: "Ayesha, Fatima, Sana, Hina, Nadia, Rabia, Amna, Saima, Mehwish",
        family: "Khan, Ahmed, Hussain, Malik, Iqbal, Butt, Raza, Shah, Akhtar, Chaudhry, Qureshi, Ali, Javed, Mirza, Abbasi, Siddiqui")
    static let indian = NameGroup(
        male: "Gurpreet, Harjit, Manpreet, Sukhwinder, Amandeep, Rajesh, Vikram, Sandeep, Arun, Rahul, Jaswinder, Kuldeep, Paramjit, Ravi",
        female: "Harpreet, Simran, Priya, Kiran, Navjot, Rupinder, Sunita, Manjit",
        family: "Singh, Sharma, Patel, Gill, Sandhu, Sidhu, Kumar, Dhillon, Grewal, Brar, Reddy, Nair, Bains, Chahal")
    static let bangladeshi = NameGroup(
        male: "Mohammed, Abdul, Rahim, Karim, Shahidul, Mizanur, Rafiqul, Anwar, Jamal, Habibur, Sohel, Rashed, Jahangir, Kamrul",
        female: "Nasrin, Shirin, Rokeya, Taslima, Farzana, Salma, Sumaiya, Ruksana",
        family: "Rahman, Islam, Hossain, Ahmed, Uddin, Miah, Chowdhury, Khan, Alam, Sarkar, Akter, Hoque, Mollah, Talukder")
    static let vietnamese = NameGroup(
        male: "Van Minh, Duc Anh, Quang Huy, Thanh Tung, Van Hung, Minh Tuan, Hoang Nam, Van Long, Duc Thang, Van Hai, Tien Dung, Quoc Bao",
        female: "Thi Lan, Thi Huong, Thi Mai, Ngoc Anh, Thu Trang, Thi Hoa, Thi Hang, Bich Ngoc",
        family: "Nguyen, Tran, Le, Pham, Hoang, Vu, Dang, Bui, Do, Ho, Ngo, Duong, Ly, Dinh")
    static let turkish = NameGroup(
        male: "Mehmet, Mustafa, Ahmet, Ali, Huseyin, Hasan, Ibrahim, Murat, Emre, Serkan, Kemal, Ramazan, Yusuf, Baran",
        female: "Ayse, Fatma, Emine, Zeynep, Elif, Hatice, Leyla, Rojda",
        family: "Yilmaz, Kaya, Demir, Sahin, Celik, Yildiz, Aydin, Ozturk, Arslan, Dogan, Kilic, Aslan, Tekin, Polat")
    static let georgian = NameGroup(
        male: "Giorgi, Davit, Levan, Irakli, Nikoloz, Zurab, Tornike, Lasha, Gela, Vakhtang, Mamuka",
        female: "Nino, Tamar, Mariam, Ketevan, Natia, Eka, Salome",
        family: "Beridze, Kapanadze, Gelashvili, Maisuradze, Giorgadze, Lomidze, Tsiklauri, Bolkvadze, Nozadze, Khutsishvili, Abashidze")
    static let hispanic = NameGroup(
        male: "Jose, Carlos, Luis, Juan, Miguel, Jorge, Mario, Oscar, Francisco, Edwin, Kevin, Wilfredo, Andres, Julian",
        female: "Maria, Ana, Rosa, Carmen, Gabriela, Karla, Sandra, Yesenia, Valentina, Paola",
        family: "Hernandez, Martinez, Lopez, Garcia, Rodriguez, Ramirez, Flores, Gonzalez, Rivera, Perez, Cruz, Mejia, Castro, Vargas")
    static let nigerian = NameGroup(
        male: "Chukwuemeka, Emeka, Oluwaseun, Tunde, Adebayo, Chinedu, Ifeanyi, Babatunde, Segun, Uche, Ibrahim, Musa, Osagie, Efosa",
        female: "Ngozi, Chioma, Funmilayo, Blessing, Adaeze, Folake, Amaka, Yetunde, Osaretin, Precious",
        family: "Okafor, Adeyemi, Okonkwo, Balogun, Eze, Nwosu, Olawale, Adebayo, Ibrahim, Obi, Ogunleye, Chukwu, Osagie, Igbinedion")
    static let srilankan = NameGroup(
        male: "Sivakumar, Tharshan, Kajan, Niroshan, Prasanth, Suthan, Kannan, Rajeevan, Dinesh, Nuwan, Chaminda",
        female: "Tharshika, Kavitha, Nirosha, Sangeetha, Priya, Dilani, Nadeeka",
        family: "Sivarajah, Thevarajah, Kanagaratnam, Navaratnam, Selvarajah, Ratnam, Balasingham, Yogarajah, Perera, Fernando, Silva")
    static let chinese = NameGroup(
        male: "Wei, Jun, Lei, Hao, Jian, Ming, Qiang, Yong, Tao, Zhiwei, Jianguo",
        female: "Li Na, Xiuying, Mei, Fang, Jing, Yan, Xiaoling",
        family: "Chen, Lin, Wang, Zhang, Li, Liu, Huang, Zheng, Wu, Zhou, Yang")
    static let uyghur = NameGroup(
        male: "Abdurehim, Ekrem, Mamat, Nurmemet, Tursun, Ablimit, Erkin",
        female: "Gulnar, Mihrigul, Rukiye, Zulpiye, Aygul",
        family: "Tohti, Abdulla, Turdi, Kurban, Hasan, Rozi, Yasin")
    static let somali = NameGroup(
        male: "Abdi, Mohamed, Ahmed, Abdirahman, Hassan, Abdullahi, Yusuf, Ali, Omar, Mahad, Abdikarim, Liban, Mustafe",
        female: "Hodan, Fadumo, Amina, Sahra, Ayan, Hawa, Ifrah, Khadra",
        family: "Abdi, Mohamed, Hassan, Ali, Warsame, Farah, Jama, Osman, Nur, Aden, Hussein, Ismail, Egal, Dahir")

    /// Common UK given and family names, for staff and legal representatives.
    static let british = NameGroup(
        male: "James, David, John, Michael, Paul, Andrew, Mark, Richard, Daniel, Thomas, Christopher, Matthew, Steven, Peter, Robert, Simon, Gareth, Stuart, Ian, Craig, Liam, Ryan, Adam, Jamie, Callum, Owen, Rhys, Aidan, Mohammed, Imran, Rajesh, Sanjay, Kwame, Tunde",
        female: "Sarah, Emma, Claire, Laura, Rebecca, Rachel, Helen, Lisa, Nicola, Gemma, Amy, Hannah, Sophie, Jessica, Lauren, Charlotte, Emily, Katie, Joanne, Karen, Siobhan, Ffion, Aisha, Priya, Nadia, Grace, Chloe, Megan, Zoe, Ruth",
        family: "Smith, Jones, Williams, Taylor, Brown, Davies, Evans, Wilson, Thomas, Johnson, Roberts, Robinson, Thompson, Wright, Walker, White, Edwards, Hughes, Green, Hall, Lewis, Harris, Clarke, Patel, Jackson, Wood, Turner, Martin, Cooper, Hill, Ward, Morris, Moore, Clark, Lee, King, Baker, Harrison, Morgan, Allen, James, Scott, Phillips, Watson, Davis, Parker, Price, Bennett, Young, Griffiths, Mitchell, Kelly, Cook, Carter, Richardson, Bailey, Collins, Bell, Shaw, Murphy, Miller, Cox, Richards, Khan, Marshall, Anderson, Simpson, Ellis, Adams, Singh, Begum, Wilkinson, Foster, Chapman, Powell, Webb, Rogers, Gray, Mason, Ali, Hunt, Hussain, Campbell, Matthews, Owen, Palmer, Holmes, Mills, Barnes, Knight, Lloyd, Butler, Russell, Barker, Fisher, Stevens, Jenkins, Murray, Dixon, Harvey, Graham, Pearson, Ahmed, Fletcher, Walsh, Kaur, Gibson, Howard, Andrews, Stewart, Elliott, Reynolds, Saunders, Payne, Fox, Ford, Pearce, Day, Brooks, West, Lawrence, Cole, Atkinson, Bradley, Spencer, Gill, Dawson, Ball, Burton, O'Brien, Watts, Rose, Booth, Perry, Ryan, Grant, Wells, Armstrong, Francis, Rees, Hayes, Hart, Hudson, Newman, Barrett, Webster, Hunter, Gregory, Carr, Lowe, Page, Marsh, Riley, Dunn, Woods, Parsons, Berry, Stone, Reid, Holland, Hawkins, Harding, Porter, Robertson, Newton, Oliver, Reed, Kennedy, Williamson, Bird, Gardner, Shah, Dean, Lane, Cooke, Bates, Henderson, Parry, Burgess, Bishop, Walton, Burns, Nicholson, Shepherd, Ross, Cross, Long, Freeman, Warren, Nicholls, Hamilton, Byrne, Sutton, McDonald, Yates, Hodgson, Robson, Curtis, Hopkins, O'Connor, Harper, Coleman, Watkins, Moss, McCarthy, Chambers, O'Neill, Griffin, Sharp, Hardy, Wheeler, Potter, Osborne, Johnston, Gordon, Doyle, Wallace, George, Jordan, Hutchinson, Rowe, Burke, May, Pritchard, Gilbert, Willis, Higgins, Read, Miles, Stevenson, Stephenson, Hammond, Arnold, Buckley, Walters, Hewitt, Barber, Nelson, Slater, Austin, Sullivan, Whitehead, Mann, Frost, Lambert, Stephens, Blake, Akhtar, Lynch, Goodwin, Barton, Woodward, Thomson, Cunningham, Quinn, Barnett, Baxter, Bibi, Clayton, Nash, Greenwood, Jennings, Holt, Kemp, Poole, Gallagher, Bond, Stokes, Tucker, Davidson, Fowler, Heath, Norman, Middleton, Lawson, Banks, French, Stanley, Jarvis, Gibbs, Ferguson, Hayward, Carroll, Douglas, Dickinson, Todd, Barlow, Peters, Lucas, Knowles, Hartley, Miah, Simmons, Morton, Alexander, Field, Morrison, Norris, Townsend, Preston, Hancock, Thornton, Baldwin, Burrows, Briggs, Storey, Pike, Francis, Sheppard")
}
